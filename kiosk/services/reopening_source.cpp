#include "services/reopening_source.hpp"

namespace kiosk::services {

ReopeningSource::ReopeningSource(Opener open, int failuresBeforeReopen)
    : m_open(std::move(open)), m_failuresBeforeReopen(failuresBeforeReopen < 1 ? 1 : failuresBeforeReopen) {}

std::optional<core::Result<GreyFrame, std::string>> ReopeningSource::next() {
    using Out = core::Result<GreyFrame, std::string>;
    if (!m_source) {
        auto opened = m_open();
        if (!opened) return Out(core::unexpected(opened.error()));
        m_source = std::move(opened.value());
        m_failures = 0;
        ++m_opens;
    }
    auto frame = m_source->next();
    if (frame && *frame) {
        m_failures = 0;
        return frame;
    }
    // An error, or a source that ended (a camera never should): count it; enough in a row and the
    // device is closed, to be opened afresh on a later call.
    const std::string why = frame ? frame->error() : std::string("the camera stopped");
    if (!frame || ++m_failures >= m_failuresBeforeReopen) m_source.reset();
    return Out(core::unexpected(why));
}

}  // namespace kiosk::services
