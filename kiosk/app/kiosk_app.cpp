// The kiosk's window and frame loop.
// Sections: imgui session (RAII) · dispatch · frame loop · screenshot · runKiosk.
//
// One thread owns the UI. It sleeps in glfwWaitEventsTimeout until input, a worker's event (which
// calls glfwPostEmptyEvent) or the reducer's next deadline; it renders only when something visible
// changed, plus a few frames after input so ImGui settles. A kiosk idles for hours on Attract.
#include "app/kiosk_app.hpp"

#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <filesystem>
#include <memory>
#include <mutex>
#include <thread>

#define GLFW_INCLUDE_NONE
#include <GLFW/glfw3.h>
#include <GL/gl.h>
#include <backends/imgui_impl_glfw.h>
#include <backends/imgui_impl_opengl3.h>
#include <imgui.h>
#include <stb_image_write.h>

#include "app/event_queue.hpp"
#include "app/visit_services.hpp"
#include "core/wedge_detector.hpp"
#include "services/clock.hpp"
#include "services/audit_log.hpp"
#include "services/http_eligibility_service.hpp"
#include "services/camera_source.hpp"
#include "services/outbox.hpp"
#include "services/reopening_source.hpp"
#include "services/speech.hpp"
#include "services/scan_worker.hpp"
#include "services/serial_scanner.hpp"
#include "services/network_watch.hpp"
#include "services/sync_worker.hpp"
#include "services/wilayah_file.hpp"
#include "ui/sample_states.hpp"
#include "ui/screens.hpp"
#include "ui/theme.hpp"

namespace kiosk::app {
namespace {

using services::wallClockMs;

// The outbox, its audit log and the sync worker that empties it. Optional: a kiosk whose disk or
// key is broken still checks eligibility (the staff see why on stderr / in the journal).
struct OutboxServices {
    std::mutex lock;  // the outbox and audit log are used from the UI thread and the sync worker
    std::unique_ptr<services::Outbox> outbox;
    // Why there is no outbox: every save then fails with it (a read-only disk is worded for staff).
    services::StoreError openError{services::StoreErrorKind::Other, "outbox is off"};
    std::unique_ptr<services::AuditLog> audit;
    std::unique_ptr<services::SyncWorker> sync;
    std::unique_ptr<services::NetworkWatch> network;  // after sync: it wakes sync, so it stops first

    // Audit rows are written on their own thread: a commit waits for the disk, the UI never does.
    void record(std::string_view kind) {
        {
            std::lock_guard l(m_pendingLock);
            m_pending.emplace_back(kind, wallClockMs());
        }
        m_pendingCv.notify_one();
    }
    // Starts the writer thread. It applies retention first (a VACUUM can take a while: never on the
    // UI thread) and again every day the kiosk keeps running, and writes audit rows as they come.
    void startAuditWriter(int retentionDays) {
        m_writer = std::jthread([this, retentionDays](std::stop_token st) {
            constexpr auto kDay = std::chrono::hours(24);
            auto purge = [&] {
                std::lock_guard g(lock);
                (void)outbox->purgeSettledBefore(wallClockMs() - std::int64_t{retentionDays} * 24 * 3600 * 1000);
            };
            purge();
            auto lastPurge = std::chrono::steady_clock::now();
            std::unique_lock l(m_pendingLock);
            while (!st.stop_requested()) {
                m_pendingCv.wait_for(l, st, std::chrono::hours(1), [&] { return !m_pending.empty(); });
                auto batch = std::exchange(m_pending, {});
                l.unlock();
                write(batch);
                if (std::chrono::steady_clock::now() - lastPurge >= kDay) {
                    purge();
                    lastPurge = std::chrono::steady_clock::now();
                }
                l.lock();
            }
            write(std::exchange(m_pending, {}));  // nothing recorded is dropped at shutdown
        });
    }
    ~OutboxServices() {
        network.reset();  // first: it wakes the sync worker
        sync.reset();     // then the worker: its notices record audit rows
        m_writer = {};  // then stop and join the writer (it flushes) before the log goes away
    }

private:
    using Pending = std::vector<std::pair<std::string, std::int64_t>>;
    void write(const Pending& rows) {
        std::lock_guard l(lock);
        if (!audit) return;
        for (const auto& [kind, atMs] : rows) {
            try {
                audit->append(kind, "", atMs);
            } catch (const std::exception& e) {
                std::fprintf(stderr, "kiosk: audit log: %s\n", e.what());
            }
        }
    }
    std::mutex m_pendingLock;
    std::condition_variable_any m_pendingCv;
    Pending m_pending;
    std::jthread m_writer;
};

std::unique_ptr<OutboxServices> openOutbox(const core::KioskConfig& cfg, const services::HttpSettings& http,
                                           EventQueue& queue) {
    auto out = std::make_unique<OutboxServices>();
    const auto key = services::parseSealPublicKey(cfg.api.sealPublicKeyHex);
    if (!key) {
        std::fprintf(stderr, "kiosk: outbox off: central_api.seal_public_key is not set\n");
        return out;
    }
    std::error_code ec;
    std::filesystem::create_directories(std::filesystem::path(cfg.outbox.path).parent_path(), ec);
    auto box = services::Outbox::open(cfg.outbox.path, *key);
    if (!box) {
        std::fprintf(stderr, "kiosk: outbox off: %s\n", box.error().detail.c_str());
        out->openError = box.error();
        return out;
    }
    out->outbox = std::move(box.value());
    try {
        out->audit = std::make_unique<services::AuditLog>(out->outbox->database());
    } catch (const std::exception& e) {
        std::fprintf(stderr, "kiosk: audit log off: %s\n", e.what());
    }
    // Retention: settled rows older than the configured days go, and the file is vacuumed.
    out->startAuditWriter(cfg.outbox.retentionDays);
    auto* self = out.get();
    out->sync = std::make_unique<services::SyncWorker>(
        *out->outbox, out->lock, services::makeCentralApiDeliverer(http), services::SyncSettings{},
        [self, &queue](const services::SyncNotice& n) {
            using K = services::SyncNotice::Kind;
            // A receipt on screen turns from "Tersimpan" to "Terkirim" only now, after the server's 2xx.
            if (n.kind == K::Delivered) {
                self->record("delivered");
                queue.push(core::ev::SubmissionSent{n.localRef, n.serverRef});
            } else if (n.kind == K::Rejected) {
                self->record("rejected");
                queue.push(core::ev::SubmissionRefused{n.localRef, n.code});
            }
            else if (n.kind == K::Paused) {
                self->record("sync_paused");
                queue.wake();  // the staff alert (sync->paused()) shows on Attract now, not at the next touch
            }
            else std::fprintf(stderr, "kiosk: outbox problem: %s\n", n.code.c_str());
        },
        wallClockMs);
    // A link, address or default route coming up cuts the backoff short: what waited offline goes now.
    out->network = std::make_unique<services::NetworkWatch>([self] { self->sync->wake(); });
    if (!out->network->listening()) std::fprintf(stderr, "kiosk: no netlink: the outbox retries on its backoff only\n");
    return out;
}

// Scanners the admin configured: the camera (with its decode worker and a preview texture) and a
// serial scanner. Both report through the event queue; a missing device is said on stderr and the
// kiosk simply goes on without it (the camera area is then absent).
struct Scanners {
    std::unique_ptr<services::ScanWorker> camera;
    std::unique_ptr<services::SerialScanner> serial;
    unsigned texture = 0;
    std::uint64_t uploaded = 0;  // preview sequence in the texture
    float aspect = 16.0f / 9.0f;

    ~Scanners() {
        camera.reset();
        if (texture) glDeleteTextures(1, &texture);
    }
    // Uploads the newest preview picture if it changed; true when there is one to show.
    bool refreshPreview() {
        if (!camera) return false;
        const auto p = camera->latestPreview();
        if (!p || p->grey.width <= 0) return texture != 0;
        if (p->sequence == uploaded && texture) return true;
        if (!texture) glGenTextures(1, &texture);
        glBindTexture(GL_TEXTURE_2D, texture);
        glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_LINEAR);
        glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_LINEAR);
        glPixelStorei(GL_UNPACK_ALIGNMENT, 1);
        glTexImage2D(GL_TEXTURE_2D, 0, GL_LUMINANCE, p->grey.width, p->grey.height, 0, GL_LUMINANCE, GL_UNSIGNED_BYTE,
                     p->grey.pixels.data());
        uploaded = p->sequence;
        aspect = static_cast<float>(p->grey.width) / static_cast<float>(p->grey.height);
        return true;
    }
};

std::unique_ptr<Scanners> openScanners(const core::KioskConfig& cfg, EventQueue& queue) {
    auto s = std::make_unique<Scanners>();
    // Receipt codes are checked with the hall's key; the reducer looks them up.
    const core::MacVerifier verify = services::receiptVerifier(services::parseReceiptKey(cfg.receipt.macKeyHex));
    const services::ScanPost post = [&queue](services::ScanNotice n) {
        if (n.kind != services::ScanNotice::Kind::Scanned) {
            std::fprintf(stderr, "kiosk: scanner: %s\n", n.problem.c_str());
            return;
        }
        // A receipt whose MAC checked out is looked up; the reducer classifies the rest again: a NIK
        // keeps its digits, anything else says "no NIK".
        if (n.payload.kind == core::PayloadKind::ReceiptRef) queue.push(core::ev::ReceiptScanned{n.payload.reference});
        else queue.push(core::ev::NikScanned{n.payload.kind == core::PayloadKind::Nik ? n.payload.nikDigits : std::string()});
        core::secureWipe(n.payload.nikDigits);
    };
    if (!cfg.scanner.cameraDevice.empty()) {
        services::CameraSettings cs;
        cs.device = cfg.scanner.cameraDevice;
        cs.width = cfg.scanner.cameraWidth;
        cs.height = cfg.scanner.cameraHeight;
        cs.fps = cfg.scanner.cameraFps;
        std::unique_ptr<services::FrameSource> source;
        std::error_code ec;
        if (std::filesystem::is_directory(cs.device, ec)) {
            // A folder of images stands in for a camera (demo, set-up checks).
            if (auto folder = services::FolderSource::open(cs.device, true))
                source = std::make_unique<services::FolderSource>(std::move(folder.value()));
            else
                std::fprintf(stderr, "kiosk: camera off: %s\n", folder.error().c_str());
        } else {
            // A V4L2 camera, opened again whenever it is unplugged and plugged back (or plugged in
            // after the kiosk started): the scan worker reports the problem and retries.
            if (auto cam = services::CameraSource::open(cs); !cam)
                std::fprintf(stderr, "kiosk: camera not there yet: %s (it is tried again)\n", cam.error().c_str());
            source = std::make_unique<services::ReopeningSource>(
                [cs]() -> core::Result<std::unique_ptr<services::FrameSource>, std::string> {
                    auto cam = services::CameraSource::open(cs);
                    if (!cam) return core::unexpected(cam.error());
                    return std::unique_ptr<services::FrameSource>(std::move(cam.value()));
                });
        }
        services::ScanWorkerSettings ws;
        ws.rules.adminPatterns = cfg.visit.scanPatterns;
        if (source) s->camera = std::make_unique<services::ScanWorker>(std::move(source), ws, verify, post);
    }
    if (!cfg.scanner.serialDevice.empty()) {
        services::SerialScannerSettings ss;
        ss.device = cfg.scanner.serialDevice;
        ss.rules.adminPatterns = cfg.visit.scanPatterns;
        ss.baud = cfg.scanner.serialBaud;
        if (auto serial = services::SerialScanner::open(ss, verify, post)) s->serial = std::move(serial.value());
        else std::fprintf(stderr, "kiosk: serial scanner off: %s\n", serial.error().c_str());
    }
    return s;
}

std::int64_t monotonicMs() {
    using namespace std::chrono;
    return duration_cast<milliseconds>(steady_clock::now().time_since_epoch()).count();
}
std::int64_t steadyMs() { return monotonicMs(); }

// ---- imgui session ------------------------------------------------------------------------------

struct GlfwWindowDeleter {
    void operator()(GLFWwindow* w) const { glfwDestroyWindow(w); }
};
using WindowPtr = std::unique_ptr<GLFWwindow, GlfwWindowDeleter>;

struct GlfwLibrary {
    bool ok = glfwInit() == GLFW_TRUE;
    ~GlfwLibrary() { glfwTerminate(); }
};

// One ImGui context with its GLFW + OpenGL3 backends. Recreated at the end of every visit so that
// nothing of the visit (ids, window state, last frame's vertices) survives it; the font atlas is
// shared and built once.
class ImGuiSession {
public:
    ImGuiSession(GLFWwindow* window, ImFontAtlas* atlas) {
        m_ctx = ImGui::CreateContext(atlas);
        ImGuiIO& io = ImGui::GetIO();
        io.IniFilename = nullptr;  // nothing of a visit on disk
        io.LogFilename = nullptr;
        io.ConfigFlags |= ImGuiConfigFlags_NoMouseCursorChange;  // keeps the cursor hidden (1.86 re-shows it)
        ImGui_ImplGlfw_InitForOpenGL(window, true);
        ImGui_ImplOpenGL3_Init("#version 130");
    }
    ~ImGuiSession() {
        ImGui_ImplOpenGL3_Shutdown();
        ImGui_ImplGlfw_Shutdown();
        ImGui::DestroyContext(m_ctx);
    }
    ImGuiSession(const ImGuiSession&) = delete;
    ImGuiSession& operator=(const ImGuiSession&) = delete;

private:
    ImGuiContext* m_ctx = nullptr;
};

// Input seen by GLFW since the last frame (touch, mouse, keys); set by callbacks that ImGui chains.
// Typed characters go through a wedge detector first: a keyboard-wedge scanner "types" a whole
// code in a burst ending in Enter, a person types slowly; only the person's keys become keypad
// presses, and a scanner's burst becomes one scan event.
struct InputFlags {
    bool activity = false;
    std::vector<core::KeyStroke> strokes;  // characters and Enter/Tab, with their time
    bool backspace = false;
};
InputFlags* g_input = nullptr;  // GLFW callbacks carry no user pointer ImGui leaves us

std::int64_t steadyMs();

void onMouseButton(GLFWwindow*, int, int, int) {
    if (g_input) g_input->activity = true;
}
void onCursorPos(GLFWwindow*, double, double) {
    if (g_input) g_input->activity = true;
}
void onChar(GLFWwindow*, unsigned int c) {
    if (!g_input) return;
    g_input->activity = true;
    g_input->strokes.push_back({steadyMs(), static_cast<char32_t>(c)});
}
void onKey(GLFWwindow*, int key, int, int action, int) {
    if (!g_input || action == GLFW_RELEASE) return;
    g_input->activity = true;
    if (key == GLFW_KEY_BACKSPACE) g_input->backspace = true;
    if (key == GLFW_KEY_ENTER || key == GLFW_KEY_KP_ENTER) g_input->strokes.push_back({steadyMs(), U'\n'});
    if (key == GLFW_KEY_TAB) g_input->strokes.push_back({steadyMs(), U'\t'});
}

// A person's keys, replayed as what the keypad would have done.
void replayHumanKeys(core::WedgeDetector& wedge, const std::function<void(const core::Event&)>& dispatch) {
    for (const core::KeyStroke& k : wedge.takeHumanKeys()) {
        if (k.ch >= U'0' && k.ch <= U'9') dispatch(core::ev::KeypadDigit{static_cast<char>(k.ch)});
        else if (k.ch == U'\n') dispatch(core::ev::NikSubmitted{});
    }
}

// What the screen shows; a Tick that changes it needs a frame, one that does not needs none.
struct VisibleKey {
    std::size_t screen;
    core::Overlay overlay;
    core::Lang lang;
    int idleLeft;
    std::int64_t receiptSecond;
    bool operator==(const VisibleKey&) const = default;
};
VisibleKey visibleKey(const core::VisitState& s) {
    std::int64_t receiptSecond = 0;
    if (const auto* r = std::get_if<core::Receipt>(&s.screen)) receiptSecond = (s.nowMs - r->shownMs) / 1000;
    return {s.screen.index(), s.overlay, s.lang, core::idleSecondsLeft(s), receiptSecond};
}

// Scenarios are still pictures for designers and goldens: no outbox, no sync.
bool scenarioModeRequested(const Options& opt) { return !opt.scenario.empty(); }

bool writeScreenshot(const std::string& path, int width, int height) {
    std::vector<unsigned char> pixels(static_cast<std::size_t>(width) * static_cast<std::size_t>(height) * 4);
    glPixelStorei(GL_PACK_ALIGNMENT, 1);
    glReadBuffer(GL_BACK);
    glReadPixels(0, 0, width, height, GL_RGBA, GL_UNSIGNED_BYTE, pixels.data());
    // OpenGL's rows run bottom-up; PNG's top-down.
    stbi_flip_vertically_on_write(1);
    return stbi_write_png(path.c_str(), width, height, 4, pixels.data(), width * 4) != 0;
}

}  // namespace

int runKiosk(const Options& opt, const core::KioskConfig& cfg, const core::Catalog& catalog,
             const std::string& configProblem) {
    const auto startMs = monotonicMs();
    GlfwLibrary glfw;
    if (!glfw.ok) {
        std::fprintf(stderr, "kiosk: cannot open the display (GLFW init failed; is DISPLAY or WAYLAND_DISPLAY set?)\n");
        return 4;
    }
    const bool fullscreen = cfg.fullscreen && !opt.windowed && opt.screenshotPath.empty();
    int width = opt.windowed ? opt.windowed->first : cfg.windowWidth;
    int height = opt.windowed ? opt.windowed->second : cfg.windowHeight;
    GLFWmonitor* monitor = fullscreen ? glfwGetPrimaryMonitor() : nullptr;
    if (monitor) {
        const GLFWvidmode* mode = glfwGetVideoMode(monitor);
        width = mode->width;
        height = mode->height;
    }
    glfwWindowHint(GLFW_CONTEXT_VERSION_MAJOR, 3);
    glfwWindowHint(GLFW_CONTEXT_VERSION_MINOR, 0);
    glfwWindowHint(GLFW_RESIZABLE, GLFW_FALSE);
    glfwWindowHint(GLFW_VISIBLE, opt.screenshotPath.empty() ? GLFW_TRUE : GLFW_FALSE);
    WindowPtr window(glfwCreateWindow(width, height, "Pijar kiosk", monitor, nullptr));
    if (!window) {
        std::fprintf(stderr, "kiosk: cannot create an OpenGL 3.0 window\n");
        return 4;
    }
    glfwMakeContextCurrent(window.get());
    if (opt.reportStartup) std::fprintf(stderr, "startup: window after %lld ms\n", static_cast<long long>(monotonicMs() - startMs));
    glfwSwapInterval(1);
    if (fullscreen) glfwSetInputMode(window.get(), GLFW_CURSOR, GLFW_CURSOR_HIDDEN);

    InputFlags input;
    g_input = &input;
    glfwSetMouseButtonCallback(window.get(), onMouseButton);
    glfwSetCursorPosCallback(window.get(), onCursorPos);
    glfwSetCharCallback(window.get(), onChar);
    glfwSetKeyCallback(window.get(), onKey);

    // One scale for text and targets: the config factor × the screen's short side against 1080.
    glfwGetWindowSize(window.get(), &width, &height);
    const float scale = cfg.uiScale * static_cast<float>(std::min(width, height)) / 1080.0f;

    IMGUI_CHECKVERSION();
    ImFontAtlas atlas;
    std::unique_ptr<ImGuiSession> session;
    ui::Fonts fonts;
    {
        // Fonts are added through a context bound to the shared atlas.
        session = std::make_unique<ImGuiSession>(window.get(), &atlas);
        if (auto err = ui::loadFonts(fonts, catalog, cfg.fontRegular, cfg.fontBold, scale); !err.empty()) {
            std::fprintf(stderr, "kiosk: %s\n", err.c_str());
            return 3;
        }
    }
    ui::applyTheme(scale);
    if (opt.reportStartup) std::fprintf(stderr, "startup: fonts after %lld ms\n", static_cast<long long>(monotonicMs() - startMs));

    EventQueue queue([] { glfwPostEmptyEvent(); });
    services::HttpSettings http;
    http.baseUrl = cfg.api.baseUrl;
    http.token = cfg.api.token;
    http.connectTimeoutMs = cfg.api.connectTimeoutMs;
    http.totalTimeoutMs = cfg.api.totalTimeoutMs;
    http.lowSpeedBytesPerSecond = cfg.api.lowSpeedBytesPerSecond;
    http.lowSpeedSeconds = cfg.api.lowSpeedSeconds;
    http.caFile = cfg.api.caFile;
    http.pinnedPublicKey = cfg.api.pinnedPublicKey;
    services::RetryPolicy retry;
    retry.maxAttempts = cfg.api.maxAttempts;
    // The outbox opens right after the first frame: nobody can sign up before then, and its
    // database work (migrations, retention) should not delay the first picture.
    std::unique_ptr<OutboxServices> outbox;
    const services::HttpSettings outboxHttp = http;
    const services::HttpSettings readHttp = http;
    std::unique_ptr<services::EligibilityService> eligibility = services::makeHttpEligibilityService(
        std::move(http), retry, [&queue](core::Event e) { queue.push(std::move(e)); });

    std::unique_ptr<Scanners> scanners = scenarioModeRequested(opt) ? std::make_unique<Scanners>() : openScanners(cfg, queue);

    core::VisitSettings visitSettings = cfg.visit;
    visitSettings.cameraScanning = scanners->camera != nullptr;
    core::VisitState state = core::initialVisit(visitSettings, monotonicMs());
    const bool scenarioMode = !opt.scenario.empty();
    std::string scenarioAlertKey;
    if (scenarioMode) {
        bool found = false;
        for (auto& s : ui::sampleStates(opt.lang.value_or(cfg.visit.defaultLanguage))) {
            if (s.name == opt.scenario) {
                state = std::move(s.state);
                scenarioAlertKey = s.staffAlertKey;
                found = true;
            }
        }
        if (!found) {
            std::fprintf(stderr, "kiosk: unknown scenario '%s' (see --list-scenarios)\n", opt.scenario.c_str());
            return 2;
        }
    } else if (opt.lang) {
        state.lang = *opt.lang;
    }

    // The address pickers' data: without it nobody can enroll, so a broken file puts the kiosk out of
    // service with the reason for staff, like a broken config.
    std::string outOfService = configProblem;
    core::Wilayah wilayah;
    if (outOfService.empty()) {
        if (auto w = services::loadWilayahFile(cfg.enrollment.wilayahFile)) wilayah = std::move(w.value());
        else {
            outOfService = w.error();
            std::fprintf(stderr, "kiosk: %s\n", outOfService.c_str());
        }
    }

    VisitServicesSettings vs;
    vs.kioskId = cfg.kioskId;
    vs.receiptKey = services::parseReceiptKey(cfg.receipt.macKeyHex);
    vs.paper = services::paperWidthFromMm(cfg.printer.paperMm);
    std::unique_ptr<VisitServices> visitServices;
    if (!scenarioModeRequested(opt) && outOfService.empty()) {
        visitServices = std::make_unique<VisitServices>(
            vs, catalog, [&queue](core::Event e) { queue.push(std::move(e)); },
            [&outbox](std::string_view program, const PayloadMaker& makePayload, std::string_view masked)
                -> core::Result<services::OutboxEntry, services::StoreError> {
                if (!outbox) return core::unexpected(services::StoreError{services::StoreErrorKind::Other, "outbox is off"});
                if (!outbox->outbox) return core::unexpected(outbox->openError);
                std::lock_guard l(outbox->lock);
                return outbox->outbox->enqueue(program, makePayload, masked, wallClockMs());
            },
            std::make_unique<services::CentralApi>(readHttp, retry), services::makeReceiptPrinter(cfg.printer),
            [&outbox] {
                if (outbox && outbox->sync) outbox->sync->wake();  // deliver now if the network is there
            },
            [&outbox](std::string_view reference) -> std::optional<services::OutboxEntry> {
                if (!outbox || !outbox->outbox) return std::nullopt;
                std::lock_guard l(outbox->lock);
                auto found = outbox->outbox->find(reference);
                return found ? found.value() : std::nullopt;
            });
        visitServices->fetchOccupations();  // the picker is ready before anyone reaches it
    }
    services::QrMatrix qr;
    ui::QrModules qrModules;

    // Spoken prompts; a still picture (scenario) stays silent but shows the same screen.
    bool speak = cfg.speech.enabled && !scenarioModeRequested(opt) && outOfService.empty();
    if (speak && !services::audioOutputPresent()) {
        std::fprintf(stderr, "kiosk: speech off: no sound output on this machine (no ALSA playback device this user may open, no PulseAudio or PipeWire server)\n");
        speak = false;
    }
    std::unique_ptr<services::Speech> speech =
        speak ? services::makeEspeakSpeech(cfg.speech.wordsPerMinute) : services::makeSilentSpeech();

    ui::UiContext ctx;
    ctx.speech = cfg.speech.enabled;
    ctx.catalog = &catalog;
    ctx.wilayah = &wilayah;
    ctx.kioskId = cfg.kioskId;
    ctx.fonts = &fonts;
    ctx.scale = scale;
    ctx.languages = cfg.languages;
    ctx.demoService = cfg.api.sandbox;

    auto run = [&](std::vector<core::Command>& commands) {
        for (const core::Command& c : commands) {
            if (const auto* r = std::get_if<core::cmd::RequestEligibility>(&c)) {
                std::string nik = r->nik;  // the command's copy is wiped with the transition below
                eligibility->check(r->requestId, std::move(nik));
            }
            else if (const auto* x = std::get_if<core::cmd::CancelEligibility>(&c)) eligibility->cancel(x->requestId);
            else if (const auto* a = std::get_if<core::cmd::RecordAudit>(&c)) {
                if (outbox) outbox->record(a->kind);
            } else if (const auto* sv = std::get_if<core::cmd::SaveEnrollment>(&c)) {
                if (visitServices) visitServices->save(*sv, monotonicMs());
            } else if (const auto* pr = std::get_if<core::cmd::PrintReceipt>(&c)) {
                if (visitServices) visitServices->print(*pr);
            } else if (const auto* lk = std::get_if<core::cmd::LookupSubmission>(&c)) {
                if (visitServices) visitServices->lookup(*lk);
            } else if (std::holds_alternative<core::cmd::FetchOccupations>(c)) {
                if (visitServices) visitServices->fetchOccupations();
            } else if (const auto* sp = std::get_if<core::cmd::Speak>(&c)) {
                std::string text;
                for (const std::string& key : sp->keys) text += std::string(catalog.text(sp->lang, key)) + " ";
                speech->say(sp->lang, std::move(text));
            } else if (std::holds_alternative<core::cmd::WipeVisit>(c)) {
                speech->stop();
                session.reset();
                session = std::make_unique<ImGuiSession>(window.get(), &atlas);
                ui::applyTheme(scale);
            }
        }
    };
    auto dispatch = [&](const core::Event& e) {
        if (scenarioMode) return;  // a scenario is a still picture
        core::Transition t = core::next(std::move(state), e, services::todayLocal());
        state = std::move(t.state);
        run(t.commands);
        for (auto& c : t.commands) {
            if (auto* r = std::get_if<core::cmd::RequestEligibility>(&c)) core::secureWipe(r->nik);
            if (auto* sv = std::get_if<core::cmd::SaveEnrollment>(&c)) {
                core::secureWipe(sv->nik);
                core::wipeForm(sv->form);
            }
        }
    };

    core::WedgeDetector wedge;
    const core::MacVerifier receiptCheck = services::receiptVerifier(services::parseReceiptKey(cfg.receipt.macKeyHex));
    const core::ScanRules scanRules{512, cfg.visit.scanPatterns};
    bool onIdentify = false;
    int framesToRender = 3;
    bool alertShown = false;  // the staff alert on screen (it changes without an event)
    bool firstFrame = true;
    int screenshotFrames = 3;  // let layout settle before reading pixels
    bool shootAtExit = false;  // live mode with --screenshot: this frame is written, then the kiosk exits
    while (!glfwWindowShouldClose(window.get())) {
        // While the NIK screen shows the camera, frames follow the preview at about 15 per second.
        const bool previewLive = scanners->camera && std::holds_alternative<core::Identify>(state.screen);
        if (framesToRender > 0 || ui::animating(state)) {
            glfwPollEvents();
        } else {
            auto deadline = core::nextDeadlineMs(state);
            if (const auto held = wedge.deadlineMs()) deadline = deadline ? std::min(*deadline, *held) : *held;
            double waitS = 30.0;
            if (deadline) waitS = std::clamp(static_cast<double>(*deadline - monotonicMs()) / 1000.0, 0.0, 30.0);
            if (opt.exitAfterMs > 0) waitS = std::min(waitS, static_cast<double>(startMs + opt.exitAfterMs - monotonicMs()) / 1000.0);
            if (previewLive) waitS = std::min(waitS, 1.0 / 15.0);
            glfwWaitEventsTimeout(std::max(waitS, 0.0));
        }
        const std::int64_t now = monotonicMs();
        if (opt.exitAfterMs > 0 && now - startMs >= opt.exitAfterMs) {
            // Tests: the live kiosk as it stands at exit (a staff alert after a refusal, say).
            if (scenarioMode || opt.screenshotPath.empty()) break;
            shootAtExit = true;
            framesToRender = std::max(framesToRender, 1);
        }

        const VisibleKey before = visibleKey(state);
        dispatch(core::ev::Tick{now});
        if (input.activity) {
            input.activity = false;
            dispatch(core::ev::UserActivity{});
            framesToRender = std::max(framesToRender, 3);
        }
        for (const core::KeyStroke& k : std::exchange(input.strokes, {})) {
            if (auto scan = wedge.feed(k)) {
                // A keyboard-wedge scanner's receipt code: checked with the hall's key here.
                core::ScanPayload p = core::classifyScan(*scan, scanRules, receiptCheck);
                if (p.kind == core::PayloadKind::ReceiptRef) dispatch(core::ev::ReceiptScanned{p.reference});
                else dispatch(core::ev::NikScanned{*scan});
                core::secureWipe(p.nikDigits);
                core::secureWipe(*scan);
            }
            replayHumanKeys(wedge, dispatch);
        }
        wedge.advanceTo(now);  // a held key becomes typing once the scanner-speed window has passed
        replayHumanKeys(wedge, dispatch);
        if (std::exchange(input.backspace, false)) dispatch(core::ev::KeypadBackspace{});
        for (auto& e : queue.drain()) {
            // An answer from the central API proves the network is there: queued sign-ups go now,
            // not at the end of a backoff that began while it was down.
            if (std::holds_alternative<core::ev::EligibilityArrived>(e) && outbox && outbox->sync) outbox->sync->wake();
            dispatch(e);
            framesToRender = std::max(framesToRender, 3);
        }
        if (!(visibleKey(state) == before)) framesToRender = std::max(framesToRender, 3);
        // A card already in view when the NIK screen opens must still count: forget the last scan.
        const bool nowIdentify = std::holds_alternative<core::Identify>(state.screen);
        if (nowIdentify && !onIdentify && scanners->camera) scanners->camera->forgetLastScan();
        onIdentify = nowIdentify;
        const std::uint64_t shown = scanners->uploaded;
        const bool hasPreview = previewLive && scanners->refreshPreview();
        if (hasPreview && scanners->uploaded != shown) framesToRender = std::max(framesToRender, 1);
        ctx.camera.reset();
        if (hasPreview)
            ctx.camera = ui::CameraPreview{reinterpret_cast<ImTextureID>(static_cast<std::uintptr_t>(scanners->texture)),
                                           scanners->aspect};
        // The receipt's QR code, made once per payload (ZXing's writer; ui only draws squares).
        ctx.receiptQr = nullptr;
        if (const auto* rc = std::get_if<core::Receipt>(&state.screen); rc && rc->submission && !rc->submission->qrPayload.empty()) {
            if (qrModules.payload != rc->submission->qrPayload) {
                qr = services::makeQr(rc->submission->qrPayload);
                qrModules = ui::QrModules{rc->submission->qrPayload, qr.size, qr.dark};
            }
            ctx.receiptQr = &qrModules;
        }
        // The central API refused our credentials (401/403): the worker paused; Attract tells staff.
        const bool alertNow = outbox && outbox->sync && outbox->sync->paused();
        if (std::exchange(alertShown, alertNow) != alertNow) framesToRender = std::max(framesToRender, 3);
        if (framesToRender == 0 && !ui::animating(state)) continue;
        if (framesToRender > 0) --framesToRender;

        ImGui_ImplOpenGL3_NewFrame();
        ImGui_ImplGlfw_NewFrame();
        ImGui::NewFrame();
        ctx.timeSeconds = scenarioMode ? 0.3f : static_cast<float>(now - startMs) / 1000.0f;
        ctx.staffAlertKey = scenarioMode ? std::string_view(scenarioAlertKey) : std::string_view();
        if (alertNow) ctx.staffAlertKey = "staff_alert.sync_paused";
        std::optional<core::Event> intent;
        if (outOfService.empty()) intent = ui::drawVisit(state, ctx);
        else ui::drawOutOfService(ctx, outOfService);
        ImGui::Render();
        int fbW = 0, fbH = 0;
        glfwGetFramebufferSize(window.get(), &fbW, &fbH);
        glViewport(0, 0, fbW, fbH);
        const ImVec4 bg = ImGui::ColorConvertU32ToFloat4(ui::color::kBackground);
        glClearColor(bg.x, bg.y, bg.z, 1.0f);
        glClear(GL_COLOR_BUFFER_BIT);
        ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
        if (!opt.screenshotPath.empty() && (scenarioMode ? --screenshotFrames == 0 : shootAtExit)) {
            const bool ok = writeScreenshot(opt.screenshotPath, fbW, fbH);
            if (!ok) std::fprintf(stderr, "kiosk: cannot write %s\n", opt.screenshotPath.c_str());
            g_input = nullptr;
            return ok ? 0 : 5;
        }
        glfwSwapBuffers(window.get());
        if (firstFrame) {
            firstFrame = false;
            if (!scenarioModeRequested(opt)) outbox = openOutbox(cfg, outboxHttp, queue);
            if (opt.reportStartup) {
                std::printf("first-frame-ms %lld\n", static_cast<long long>(monotonicMs() - startMs));
                std::fflush(stdout);
            }
        }
        if (intent) {
            dispatch(*intent);
            framesToRender = std::max(framesToRender, 3);
        }
    }
    g_input = nullptr;
    return 0;
}

}  // namespace kiosk::app
