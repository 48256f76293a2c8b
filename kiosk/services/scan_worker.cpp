#include "services/scan_worker.hpp"

#include <algorithm>
#include <functional>
#include <utility>

namespace kiosk::services {

GreyFrame downscaleToWidth(const GreyFrame& f, int width) {
    if (f.width <= 0 || f.height <= 0 || width <= 0 ||
        f.pixels.size() != static_cast<std::size_t>(f.width) * static_cast<std::size_t>(f.height))
        return {};
    if (f.width <= width) return f;
    const auto sw = static_cast<std::size_t>(f.width), sh = static_cast<std::size_t>(f.height);
    const auto dw = static_cast<std::size_t>(width);
    const std::size_t dh = std::max<std::size_t>(1, (sh * dw + sw / 2) / sw);
    GreyFrame out;
    out.width = width;
    out.height = static_cast<int>(dh);
    out.pixels.resize(dw * dh);
    for (std::size_t y = 0; y < dh; ++y) {
        const std::size_t y0 = y * sh / dh, y1 = std::max(y0 + 1, (y + 1) * sh / dh);
        for (std::size_t x = 0; x < dw; ++x) {
            const std::size_t x0 = x * sw / dw, x1 = std::max(x0 + 1, (x + 1) * sw / dw);
            std::size_t sum = 0;
            for (std::size_t yy = y0; yy < y1; ++yy)
                for (std::size_t xx = x0; xx < x1; ++xx) sum += f.pixels[yy * sw + xx];
            const std::size_t n = (y1 - y0) * (x1 - x0);
            out.pixels[y * dw + x] = static_cast<std::uint8_t>((sum + n / 2) / n);
        }
    }
    return out;
}

ScanWorker::ScanWorker(std::unique_ptr<FrameSource> source, ScanWorkerSettings settings, core::MacVerifier verify,
                       ScanPost post)
    : m_source(std::move(source)),
      m_settings(std::move(settings)),
      m_verify(std::move(verify)),
      m_post(std::move(post)),
      m_decoder(m_settings.decoder),
      m_decodeThread([this](std::stop_token st) { decodeLoop(st); }),
      m_captureThread([this](std::stop_token st) { captureLoop(st); }) {}

ScanWorker::~ScanWorker() {
    // Both at once; the jthreads then join in member order (capture first).
    m_captureThread.request_stop();
    m_decodeThread.request_stop();
}

std::optional<PreviewFrame> ScanWorker::latestPreview() const {
    std::lock_guard lock(m_mutex);
    return m_preview;
}

ScanWorkerStats ScanWorker::stats() const {
    std::lock_guard lock(m_mutex);
    ScanWorkerStats s = m_stats;
    s.mailboxDepth = m_mailbox ? 1 : 0;
    return s;
}

void ScanWorker::forgetLastScan() {
    std::lock_guard lock(m_mutex);
    m_recent.clear();
}

void ScanWorker::postProblem(const std::string& problem, bool ended) {
    if (!ended && problem == m_lastProblem) return;
    m_lastProblem = problem;
    ScanNotice n;
    n.kind = ended ? ScanNotice::Kind::SourceEnded : ScanNotice::Kind::SourceProblem;
    n.problem = problem;
    m_post(std::move(n));
}

void ScanWorker::captureLoop(std::stop_token st) {
    while (!st.stop_requested()) {
        auto next = m_source->next();
        if (st.stop_requested()) break;
        if (!next) {
            {
                std::lock_guard lock(m_mutex);
                m_stats.sourceEnded = true;
            }
            postProblem("the frame source ended", true);
            return;
        }
        if (!*next) {
            postProblem(next->error(), false);
            std::unique_lock lock(m_mutex);
            m_cv.wait_for(lock, st, m_settings.errorBackoff, [] { return false; });
            continue;
        }
        m_lastProblem.clear();
        GreyFrame frame = std::move(next->value());
        std::optional<GreyFrame> preview;
        if (m_settings.previewWidth > 0) preview = downscaleToWidth(frame, m_settings.previewWidth);
        {
            std::lock_guard lock(m_mutex);
            ++m_stats.framesIn;
            if (m_mailbox) ++m_stats.framesDropped;  // the decoder is busy: only the newest frame waits
            m_mailbox = std::move(frame);
            m_stats.mailboxPeak = std::max<std::size_t>(m_stats.mailboxPeak, 1);
            if (preview && preview->width > 0) m_preview = PreviewFrame{std::move(*preview), ++m_previewSequence};
        }
        m_cv.notify_all();
    }
}

void ScanWorker::decodeLoop(std::stop_token st) {
    while (!st.stop_requested()) {
        GreyFrame frame;
        {
            std::unique_lock lock(m_mutex);
            if (!m_cv.wait(lock, st, [this] { return m_mailbox.has_value(); })) return;
            frame = std::move(*m_mailbox);
            m_mailbox.reset();
            ++m_stats.framesDecoded;
        }
        std::optional<Decoded> decoded = m_decoder.decode(frame);
        if (!decoded || st.stop_requested()) continue;

        const std::size_t hash = std::hash<std::string>{}(decoded->text);
        const auto now = std::chrono::steady_clock::now();
        bool repeat = false;
        {
            std::lock_guard lock(m_mutex);
            std::erase_if(m_recent, [&](const Seen& s) { return now - s.at >= m_settings.dedupWindow; });
            auto it = std::find_if(m_recent.begin(), m_recent.end(), [&](const Seen& s) { return s.hash == hash; });
            if (it != m_recent.end()) {
                repeat = true;
                it->at = now;  // still in view: the window slides
                ++m_stats.duplicates;
            } else {
                if (m_recent.size() >= 8) m_recent.erase(m_recent.begin());
                m_recent.push_back({hash, now});
                ++m_stats.posted;
            }
        }
        if (!repeat) {
            ScanNotice n;
            n.kind = ScanNotice::Kind::Scanned;
            n.payload = core::classifyScan(decoded->text, m_settings.rules, m_verify);
            n.format = decoded->format;
            m_post(std::move(n));
        }
        std::fill(decoded->text.begin(), decoded->text.end(), '\0');  // may hold a NIK
    }
}

}  // namespace kiosk::services
