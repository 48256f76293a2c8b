#include "services/speech.hpp"

#include <espeak-ng/speak_lib.h>
#include <unistd.h>

#include <atomic>
#include <condition_variable>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <mutex>
#include <optional>
#include <thread>

namespace kiosk::services {
namespace {

// espeak-ng keeps global state: one user at a time in this process.
std::mutex& engineLock() {
    static std::mutex m;
    return m;
}

// espeak-ng 1.51 cannot be initialised again after espeak_Terminate (its queue thread is left
// waiting and the next call hangs), so the engine is started once per process, in the output mode
// the first user asks for, and lives until exit. Returns the sample rate, or <= 0 when espeak-ng
// cannot start or was already started in the other mode. Call with engineLock() held.
int startEngine(espeak_AUDIO_OUTPUT mode) {
    static std::optional<espeak_AUDIO_OUTPUT> started;
    static int rate = 0;
    if (!started) {
        started = mode;
        rate = espeak_Initialize(mode, mode == AUDIO_OUTPUT_SYNCHRONOUS ? 500 : 0, nullptr, espeakINITIALIZE_DONT_EXIT);
    }
    return *started == mode ? rate : -1;
}

std::atomic<unsigned> g_generation{0};  // bumped by say/stop: a running utterance sees it and aborts

int abortWhenStale(short*, int, espeak_EVENT* events) {
    const auto* wanted = events ? static_cast<const unsigned*>(events->user_data) : nullptr;
    return wanted && *wanted != g_generation.load() ? 1 : 0;  // 1 = stop synthesis
}

class SilentSpeech final : public Speech {
public:
    void say(core::Lang, std::string) override {}
    void stop() override {}
};

class EspeakSpeech final : public Speech {
public:
    explicit EspeakSpeech(int wpm) : m_thread([this, wpm](std::stop_token st) { run(st, wpm); }) {}
    ~EspeakSpeech() override {
        stop();
        m_thread.request_stop();
        m_cv.notify_all();
    }
    void say(core::Lang lang, std::string text) override {
        {
            std::lock_guard l(m_lock);
            m_next = Request{lang, std::move(text)};
            ++g_generation;
        }
        m_cv.notify_one();
    }
    void stop() override {
        std::lock_guard l(m_lock);
        m_next.reset();
        ++g_generation;
    }

private:
    struct Request {
        core::Lang lang;
        std::string text;
    };
    void run(std::stop_token st, int wpm) {
        std::lock_guard engine(engineLock());
        if (startEngine(AUDIO_OUTPUT_SYNCH_PLAYBACK) <= 0) {
            std::fprintf(stderr, "kiosk: speech off: espeak-ng cannot play (no audio device or voice data)\n");
            return;
        }
        espeak_SetSynthCallback(abortWhenStale);
        espeak_SetParameter(espeakRATE, wpm, 0);
        std::unique_lock l(m_lock);
        while (m_cv.wait(l, st, [&] { return m_next.has_value(); })) {
            Request r = std::move(*m_next);
            m_next.reset();
            unsigned generation = g_generation.load();
            l.unlock();
            espeak_SetVoiceByName(std::string(voiceFor(r.lang)).c_str());
            espeak_Synth(r.text.data(), r.text.size() + 1, 0, POS_CHARACTER, 0, espeakCHARS_UTF8, nullptr, &generation);
            l.lock();
        }
    }
    std::mutex m_lock;
    std::condition_variable_any m_cv;
    std::optional<Request> m_next;
    std::jthread m_thread;  // last: started once the members it uses exist
};

}  // namespace

std::string_view voiceFor(core::Lang lang) {
    switch (lang) {
        case core::Lang::En: return "en";
        case core::Lang::Id:
        case core::Lang::Jv: break;
    }
    return "id";
}

bool audioOutputPresent(const std::string& sndDir, std::string runtimeDir) {
    if (std::getenv("PULSE_SERVER") || std::getenv("PIPEWIRE_REMOTE")) return true;
    if (runtimeDir.empty()) {
        const char* xdg = std::getenv("XDG_RUNTIME_DIR");
        runtimeDir = xdg ? xdg : "";
    }
    std::error_code ec;
    if (!runtimeDir.empty() && (std::filesystem::exists(std::filesystem::path(runtimeDir) / "pulse" / "native", ec) ||
                                std::filesystem::exists(std::filesystem::path(runtimeDir) / "pipewire-0", ec)))
        return true;
    std::filesystem::directory_iterator it(sndDir, ec);
    for (; !ec && it != std::filesystem::directory_iterator(); it.increment(ec)) {
        const std::string name = it->path().filename().string();
        // A device node the kiosk's user may not open would bring back the errors on every prompt.
        if (name.starts_with("pcmC") && name.ends_with('p') && ::access(it->path().c_str(), W_OK) == 0) return true;
    }
    return false;
}

std::unique_ptr<Speech> makeEspeakSpeech(int wordsPerMinute) { return std::make_unique<EspeakSpeech>(wordsPerMinute); }
std::unique_ptr<Speech> makeSilentSpeech() { return std::make_unique<SilentSpeech>(); }

namespace {
std::vector<short>* g_samples = nullptr;
int collect(short* wav, int n, espeak_EVENT*) {
    if (wav && n > 0 && g_samples) g_samples->insert(g_samples->end(), wav, wav + n);
    return 0;
}
}  // namespace

std::vector<short> synthesize(core::Lang lang, std::string_view text, int* sampleRate) {
    std::lock_guard engine(engineLock());
    std::vector<short> out;
    const int rate = startEngine(AUDIO_OUTPUT_SYNCHRONOUS);
    if (rate <= 0) return out;
    if (sampleRate) *sampleRate = rate;
    if (espeak_SetVoiceByName(std::string(voiceFor(lang)).c_str()) == EE_OK) {
        g_samples = &out;
        espeak_SetSynthCallback(collect);
        const std::string s(text);
        // Synchronous output: espeak_Synth returns once every sample went through `collect`.
        // (espeak_Synchronize is for the playing modes; after a re-initialise it waits forever.)
        espeak_Synth(s.c_str(), s.size() + 1, 0, POS_CHARACTER, 0, espeakCHARS_UTF8, nullptr, nullptr);
        g_samples = nullptr;
    }
    return out;
}

}  // namespace kiosk::services
