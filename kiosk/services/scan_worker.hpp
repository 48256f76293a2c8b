#pragma once
// The camera decode worker: frames in at the source's rate, decodes as fast as it can, and never
// falls behind. Two threads:
//   capture: pulls FrameSource::next() in a loop, refreshes the preview, and puts the frame in a
//            single-slot mailbox; a frame still waiting there is replaced (counted as dropped), so
//            the decoder always gets the newest frame and memory never grows.
//   decode:  takes the mailbox frame, BarcodeDecoder::decode, core::classifyScan, then posts a
//            ScanNotice. The same payload seen again within dedupWindow of its last sighting is not
//            posted again: a card held in front of the camera fires once, however long it is held.
//            Only a 64-bit hash of the last payload is kept, never its text.
// Source errors are posted as SourceProblem once per distinct message (again after a good frame)
// and retried after errorBackoff; a source that ends posts SourceEnded and the capture thread stops.
// Frames are never written anywhere and nothing looks for faces (UU PDP art. 17).
// Destruction stops both threads: it waits for at most one decode and one next() (the camera's
// frameTimeoutMs bounds a stalled camera; a live one returns a frame every 33 ms).
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "core/scan_payload.hpp"
#include "services/barcode_decoder.hpp"
#include "services/image_source.hpp"
#include "services/scan_notice.hpp"

namespace kiosk::services {

struct ScanWorkerSettings {
    DecoderSettings decoder;
    core::ScanRules rules;
    std::chrono::milliseconds dedupWindow{2000};
    std::chrono::milliseconds errorBackoff{200};  // after a source error, before the next next()
    int previewWidth = 320;                       // px; 0 = no preview. Never wider than the frame.
};

struct ScanWorkerStats {
    std::uint64_t framesIn = 0;       // frames the source delivered
    std::uint64_t framesDecoded = 0;  // frames the decoder took
    std::uint64_t framesDropped = 0;  // replaced in the mailbox before the decoder got to them
    std::uint64_t posted = 0;         // Scanned notices sent (after de-duplication)
    std::uint64_t duplicates = 0;     // payloads held back as repeats
    std::size_t mailboxDepth = 0;     // frames waiting now: 0 or 1
    std::size_t mailboxPeak = 0;      // most frames ever waiting at once: 1 (a single slot)
    bool sourceEnded = false;
};

// A downscaled grey copy of the newest frame for the Identify screen's live preview.
struct PreviewFrame {
    GreyFrame grey;
    std::uint64_t sequence = 0;  // grows with every new preview: re-upload the texture when it changes
};

class ScanWorker {
public:
    // Starts at once. `post` is called from the worker's threads (see scan_notice.hpp); `verify`
    // checks receipt MACs (may be empty: receipts are then refused as bad_mac).
    ScanWorker(std::unique_ptr<FrameSource> source, ScanWorkerSettings settings, core::MacVerifier verify, ScanPost post);
    ~ScanWorker();
    ScanWorker(const ScanWorker&) = delete;
    ScanWorker& operator=(const ScanWorker&) = delete;

    // Thread-safe; a copy (320 px wide by default), nullopt before the first frame or with previewWidth 0.
    std::optional<PreviewFrame> latestPreview() const;
    ScanWorkerStats stats() const;
    // Forget the last payload, so the same card is reported again at once (e.g. a new visit).
    void forgetLastScan();

private:
    void captureLoop(std::stop_token st);
    void decodeLoop(std::stop_token st);
    void postProblem(const std::string& problem, bool ended);

    std::unique_ptr<FrameSource> m_source;
    ScanWorkerSettings m_settings;
    core::MacVerifier m_verify;
    ScanPost m_post;
    BarcodeDecoder m_decoder;  // decode thread only

    mutable std::mutex m_mutex;  // guards everything below
    std::condition_variable_any m_cv;
    std::optional<GreyFrame> m_mailbox;
    ScanWorkerStats m_stats;
    std::optional<PreviewFrame> m_preview;
    struct Seen {
        std::size_t hash;
        std::chrono::steady_clock::time_point at;
    };
    std::vector<Seen> m_recent;  // payload hashes seen within dedupWindow (a few at most)
    std::uint64_t m_previewSequence = 0;
    std::string m_lastProblem;  // capture thread only

    std::jthread m_decodeThread;   // last: start after everything they use exists
    std::jthread m_captureThread;  // destroyed (stopped, joined) first
};

// Area-averaged grey copy `width` px wide (aspect kept, at least 1 px high); a copy when the frame
// is not wider than `width`. Exposed for tests.
GreyFrame downscaleToWidth(const GreyFrame& f, int width);

}  // namespace kiosk::services
