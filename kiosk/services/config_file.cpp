#include "services/config_file.hpp"

#include <algorithm>
#include <fstream>
#include <sstream>
#include <toml++/toml.h>

#include "core/scan_payload.hpp"

namespace kiosk::services {
namespace {

using core::unexpected;

int lineOf(const toml::node& n) { return static_cast<int>(n.source().begin.line); }

// Walks one table, checking every key against what we know; collects the first error.
class Reader {
public:
    Reader(const toml::table& root, std::string path) : m_root(root), m_path(std::move(path)) {}

    std::optional<ConfigError> error;

    const toml::table* table(std::string_view name, std::initializer_list<std::string_view> known) {
        const toml::node* n = m_root.get(name);
        if (!n) return nullptr;
        const toml::table* t = n->as_table();
        if (!t) return fail(*n, "[" + std::string(name) + "] must be a table"), nullptr;
        for (const auto& [k, v] : *t) {
            if (std::find(known.begin(), known.end(), k.str()) == known.end())
                fail(v, "unknown key " + std::string(name) + "." + std::string(k.str()));
        }
        return t;
    }

    template <class T>
    void get(const toml::table* t, std::string_view section, std::string_view key, T& out) {
        if (!t) return;
        const toml::node* n = t->get(key);
        if (!n) return;
        if constexpr (std::is_same_v<T, bool>) {
            if (auto v = n->value_exact<bool>()) out = *v;
            else fail(*n, name(section, key) + " must be true or false");
        } else if constexpr (std::is_same_v<T, std::string>) {
            if (auto v = n->value_exact<std::string>()) out = *v;
            else fail(*n, name(section, key) + " must be a quoted string");
        } else if constexpr (std::is_same_v<T, float>) {
            if (auto v = n->value<double>()) out = static_cast<float>(*v);
            else fail(*n, name(section, key) + " must be a number");
        } else {
            if (auto v = n->value_exact<std::int64_t>()) out = static_cast<T>(*v);
            else fail(*n, name(section, key) + " must be a whole number");
        }
    }

    void range(const toml::table* t, std::string_view section, std::string_view key, double value, double lo,
               double hi) {
        if (error || (value >= lo && value <= hi)) return;
        const toml::node* n = t ? t->get(key) : nullptr;
        std::ostringstream msg;
        msg << name(section, key) << " must be between " << lo << " and " << hi;
        if (n) fail(*n, msg.str());
        else error = ConfigError{m_path, 0, msg.str()};
    }

    void fail(const toml::node& n, std::string message) {
        if (!error) error = ConfigError{m_path, lineOf(n), std::move(message)};
    }

private:
    static std::string name(std::string_view section, std::string_view key) {
        return std::string(section) + "." + std::string(key);
    }
    const toml::table& m_root;
    std::string m_path;
};

std::optional<core::Lang> langAt(Reader& r, const toml::node& n, std::string_view what) {
    auto code = n.value_exact<std::string>();
    auto lang = code ? core::langFromCode(*code) : std::nullopt;
    if (!lang) r.fail(n, std::string(what) + " must be one of \"id\", \"en\", \"jv\"");
    return lang;
}

}  // namespace

std::string ConfigError::describe() const {
    std::ostringstream out;
    out << path;
    if (line > 0) out << ":" << line;
    out << ": " << message;
    return out.str();
}

core::Result<core::KioskConfig, ConfigError> parseConfig(std::string_view text, const std::string& sourceName) {
    toml::table root;
    try {
        root = toml::parse(text, sourceName);
    } catch (const toml::parse_error& e) {
        return unexpected(ConfigError{sourceName, static_cast<int>(e.source().begin.line),
                                      "not valid TOML: " + std::string(e.description())});
    }
    for (const auto& [k, v] : root) {
        static constexpr std::string_view kSections[] = {"kiosk", "display", "visit", "central_api", "scanner", "outbox",
                                                         "printer", "receipt", "enrollment", "speech"};
        if (std::find(std::begin(kSections), std::end(kSections), k.str()) == std::end(kSections))
            return unexpected(ConfigError{sourceName, lineOf(v), "unknown section [" + std::string(k.str()) + "]"});
    }

    core::KioskConfig c;
    Reader r(root, sourceName);

    const auto* kiosk = r.table("kiosk", {"id", "languages", "default_language"});
    r.get(kiosk, "kiosk", "id", c.kioskId);
    if (kiosk) {
        if (const auto* n = kiosk->get("default_language"))
            if (auto l = langAt(r, *n, "kiosk.default_language")) c.visit.defaultLanguage = *l;
        if (const auto* n = kiosk->get("languages")) {
            const auto* arr = n->as_array();
            if (!arr || arr->empty()) r.fail(*n, "kiosk.languages must be a non-empty list such as [\"id\", \"jv\", \"en\"]");
            else {
                c.languages.clear();
                for (const auto& item : *arr)
                    if (auto l = langAt(r, item, "kiosk.languages")) c.languages.push_back(*l);
            }
        }
        if (!r.error && c.kioskId.empty()) r.fail(*kiosk->get("id"), "kiosk.id must not be empty");
        if (!r.error && std::find(c.languages.begin(), c.languages.end(), c.visit.defaultLanguage) == c.languages.end())
            r.fail(kiosk->get("default_language") ? *kiosk->get("default_language") : *kiosk->get("languages"),
                   "kiosk.default_language must be one of kiosk.languages");
    }

    const auto* display = r.table("display", {"fullscreen", "width", "height", "scale", "font_regular", "font_bold"});
    r.get(display, "display", "fullscreen", c.fullscreen);
    r.get(display, "display", "width", c.windowWidth);
    r.get(display, "display", "height", c.windowHeight);
    r.get(display, "display", "scale", c.uiScale);
    r.get(display, "display", "font_regular", c.fontRegular);
    r.get(display, "display", "font_bold", c.fontBold);
    r.range(display, "display", "width", c.windowWidth, 640, 7680);
    r.range(display, "display", "height", c.windowHeight, 480, 7680);
    r.range(display, "display", "scale", c.uiScale, 0.5, 3.0);

    const auto* visit = r.table("visit", {"idle_seconds", "idle_countdown_seconds", "receipt_seconds"});
    r.get(visit, "visit", "idle_seconds", c.visit.idleSeconds);
    r.get(visit, "visit", "idle_countdown_seconds", c.visit.idleCountdownSeconds);
    r.get(visit, "visit", "receipt_seconds", c.visit.receiptSeconds);
    r.range(visit, "visit", "idle_seconds", c.visit.idleSeconds, 10, 3600);
    r.range(visit, "visit", "idle_countdown_seconds", c.visit.idleCountdownSeconds, 5, 300);
    r.range(visit, "visit", "receipt_seconds", c.visit.receiptSeconds, 5, 600);

    const auto* api = r.table("central_api", {"base_url", "token", "sandbox", "connect_timeout_ms", "total_timeout_ms",
                                              "low_speed_bytes_per_second", "low_speed_seconds", "max_attempts",
                                              "ca_file", "pinned_public_key", "seal_public_key"});
    auto& a = c.api;
    r.get(api, "central_api", "base_url", a.baseUrl);
    r.get(api, "central_api", "token", a.token);
    r.get(api, "central_api", "sandbox", a.sandbox);
    r.get(api, "central_api", "connect_timeout_ms", a.connectTimeoutMs);
    r.get(api, "central_api", "total_timeout_ms", a.totalTimeoutMs);
    r.get(api, "central_api", "low_speed_bytes_per_second", a.lowSpeedBytesPerSecond);
    r.get(api, "central_api", "low_speed_seconds", a.lowSpeedSeconds);
    r.get(api, "central_api", "max_attempts", a.maxAttempts);
    r.get(api, "central_api", "ca_file", a.caFile);
    r.get(api, "central_api", "pinned_public_key", a.pinnedPublicKey);
    r.get(api, "central_api", "seal_public_key", a.sealPublicKeyHex);
    if (!r.error && !a.sealPublicKeyHex.empty() &&
        (a.sealPublicKeyHex.size() != 64 ||
         a.sealPublicKeyHex.find_first_not_of("0123456789abcdefABCDEF") != std::string::npos))
        r.fail(*api->get("seal_public_key"), "central_api.seal_public_key must be 64 hexadecimal digits");
    if (!r.error && !(a.baseUrl.rfind("https://", 0) == 0 || a.baseUrl.rfind("http://127.0.0.1", 0) == 0 ||
                      a.baseUrl.rfind("http://localhost", 0) == 0))
        r.fail(*api->get("base_url"), "central_api.base_url must be https:// (plain http only for a sandbox on this machine)");
    if (!r.error && a.token.empty()) {
        if (api) r.fail(*api, "central_api.token must be set (the kiosk's bearer token)");
        else r.error = ConfigError{sourceName, 0, "[central_api] with the kiosk's token is missing"};
    }
    r.range(api, "central_api", "connect_timeout_ms", a.connectTimeoutMs, 100, 60000);
    r.range(api, "central_api", "total_timeout_ms", a.totalTimeoutMs, 500, 120000);
    r.range(api, "central_api", "low_speed_bytes_per_second", a.lowSpeedBytesPerSecond, 1, 1000000);
    r.range(api, "central_api", "low_speed_seconds", a.lowSpeedSeconds, 1, 120);
    r.range(api, "central_api", "max_attempts", a.maxAttempts, 1, 10);

    const auto* scan = r.table("scanner", {"camera_device", "camera_width", "camera_height", "camera_fps",
                                           "serial_device", "serial_baud", "nik_patterns"});
    auto& sc = c.scanner;
    r.get(scan, "scanner", "camera_device", sc.cameraDevice);
    r.get(scan, "scanner", "camera_width", sc.cameraWidth);
    r.get(scan, "scanner", "camera_height", sc.cameraHeight);
    r.get(scan, "scanner", "camera_fps", sc.cameraFps);
    r.get(scan, "scanner", "serial_device", sc.serialDevice);
    r.get(scan, "scanner", "serial_baud", sc.serialBaud);
    r.range(scan, "scanner", "camera_width", sc.cameraWidth, 160, 4096);
    r.range(scan, "scanner", "camera_height", sc.cameraHeight, 120, 4096);
    r.range(scan, "scanner", "camera_fps", sc.cameraFps, 1, 120);
    r.range(scan, "scanner", "serial_baud", sc.serialBaud, 1200, 921600);
    if (const toml::node* patterns = scan ? scan->get("nik_patterns") : nullptr; patterns && !r.error) {
        const toml::array* list = patterns->as_array();
        if (!list) r.fail(*patterns, "scanner.nik_patterns must be a list of quoted patterns");
        for (std::size_t i = 0; list && i < list->size() && !r.error; ++i) {
            const toml::node& n = *list->get(i);
            const auto p = n.value_exact<std::string>();
            if (!p) r.fail(n, "scanner.nik_patterns entries must be quoted strings");
            else if (p->size() > 200 || !core::isValidAdminPattern(*p))
                r.fail(n, "scanner.nik_patterns: \"" + *p +
                              "\" is not a usable pattern (an ECMAScript regex of at most 200 characters with exactly one "
                              "capture group, the NIK)");
            else c.visit.scanPatterns.push_back(*p);
        }
    }

    const auto* outbox = r.table("outbox", {"path", "retention_days"});
    r.get(outbox, "outbox", "path", c.outbox.path);
    r.get(outbox, "outbox", "retention_days", c.outbox.retentionDays);
    r.range(outbox, "outbox", "retention_days", c.outbox.retentionDays, 1, 3650);

    const auto* printer = r.table("printer", {"kind", "device", "queue", "paper_mm"});
    auto& pr = c.printer;
    r.get(printer, "printer", "kind", pr.kind);
    r.get(printer, "printer", "device", pr.device);
    r.get(printer, "printer", "queue", pr.queue);
    r.get(printer, "printer", "paper_mm", pr.paperMm);
    if (printer && !r.error) {
        const auto at = [&](std::string_view key) -> const toml::node& {
            const toml::node* n = printer->get(key);
            return n ? *n : static_cast<const toml::node&>(*printer);
        };
        if (pr.kind != "none" && pr.kind != "device" && pr.kind != "cups")
            r.fail(at("kind"), "printer.kind must be one of \"none\", \"device\", \"cups\"");
        else if (pr.paperMm != 58 && pr.paperMm != 80)
            r.fail(at("paper_mm"), "printer.paper_mm must be 58 or 80");
        else if (pr.kind == "device" && pr.device.empty())
            r.fail(at("kind"), "printer.device must be set when printer.kind = \"device\" (e.g. \"/dev/usb/lp0\")");
        else if (!pr.device.empty() && pr.device.front() != '/')
            r.fail(at("device"), "printer.device must be an absolute path such as \"/dev/usb/lp0\"");
        else if (pr.kind == "cups" && pr.queue.empty())
            r.fail(at("kind"), "printer.queue must be set when printer.kind = \"cups\" (the CUPS queue's name)");
        else if (!pr.queue.empty() &&
                 (pr.queue.front() == '-' ||
                  std::any_of(pr.queue.begin(), pr.queue.end(),
                              [](char ch) { return ch <= 0x20 || ch >= 0x7F || ch == '/' || ch == '#' || ch == '\\'; })))
            r.fail(at("queue"), "printer.queue must be a CUPS queue name: no spaces, '/', '#' or '\\', not starting with '-'");
    }

    const auto* receipt = r.table("receipt", {"mac_key"});
    r.get(receipt, "receipt", "mac_key", c.receipt.macKeyHex);
    if (!r.error && !c.receipt.macKeyHex.empty() &&
        (c.receipt.macKeyHex.size() != 64 ||
         c.receipt.macKeyHex.find_first_not_of("0123456789abcdefABCDEF") != std::string::npos))
        r.fail(*receipt->get("mac_key"), "receipt.mac_key must be 64 hexadecimal digits (32 bytes, shared by the hall's kiosks)");

    const auto* speech = r.table("speech", {"enabled", "words_per_minute"});
    r.get(speech, "speech", "enabled", c.speech.enabled);
    r.get(speech, "speech", "words_per_minute", c.speech.wordsPerMinute);
    r.range(speech, "speech", "words_per_minute", c.speech.wordsPerMinute, 80, 300);

    const auto* enrollment = r.table("enrollment", {"wilayah_file"});
    r.get(enrollment, "enrollment", "wilayah_file", c.enrollment.wilayahFile);
    if (!r.error && c.enrollment.wilayahFile.empty())
        r.fail(*enrollment->get("wilayah_file"), "enrollment.wilayah_file must name the kecamatan/kelurahan data file");

    if (r.error) return unexpected(*r.error);
    return c;
}

core::Result<core::KioskConfig, ConfigError> loadConfigFile(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) return unexpected(ConfigError{path, 0, "cannot open the file (missing or not readable)"});
    std::ostringstream buf;
    buf << in.rdbuf();
    auto parsed = parseConfig(buf.str(), path);
    if (!parsed) return parsed;
    // Relative file names in the config are relative to the config file, not to wherever the
    // kiosk was started from.
    const auto slash = path.rfind('/');
    const std::string folder = slash == std::string::npos ? std::string(".") : path.substr(0, slash);
    for (std::string* file : {&parsed.value().api.caFile, &parsed.value().outbox.path, &parsed.value().enrollment.wilayahFile})
        if (!file->empty() && file->front() != '/') *file = folder + "/" + *file;
    return parsed;
}

}  // namespace kiosk::services
