#pragma once
// Spoken prompts (BRIEF §1: pictures and spoken prompts for workers who read little) with espeak-ng.
// The screen's prompt is read when it appears and again on request; the consent text on request.
// espeak-ng has no Javanese voice: Javanese text is read with the Indonesian voice, whose spelling
// rules fit Javanese Latin script closely (a native reviewer should judge; see assets/README.md).
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/lang.hpp"

namespace kiosk::services {

class Speech {
public:
    virtual ~Speech() = default;
    // Says `text` (UTF-8) in `lang`, cutting off whatever was being said. Never blocks.
    virtual void say(core::Lang lang, std::string text) = 0;
    // Stops at once (the visit ended: nothing of it is read on).
    virtual void stop() = 0;
};

// espeak-ng playing on the default audio device from its own thread. Without a usable audio device
// or voice data it says so once on stderr and stays quiet; the kiosk works the same without sound.
std::unique_ptr<Speech> makeEspeakSpeech(int wordsPerMinute);
// Whether this machine has a sound output to play on: an ALSA playback device under `sndDir`
// (pcmC*D*p) that this user may open, a PulseAudio/PipeWire server named in the environment, or
// their default socket under `runtimeDir` (empty: $XDG_RUNTIME_DIR). Without one the app stays
// silent (and espeak-ng does not print ALSA errors for every prompt).
bool audioOutputPresent(const std::string& sndDir = "/dev/snd", std::string runtimeDir = {});
std::unique_ptr<Speech> makeSilentSpeech();

// espeak-ng's voice for a kiosk language.
std::string_view voiceFor(core::Lang lang);

// Synthesises without playing (tests, set-up checks): 16-bit mono samples at *sampleRate.
// Empty when espeak-ng or the voice is missing, or when this process already plays speech
// (espeak-ng runs in one output mode per process).
std::vector<short> synthesize(core::Lang lang, std::string_view text, int* sampleRate = nullptr);

}  // namespace kiosk::services
