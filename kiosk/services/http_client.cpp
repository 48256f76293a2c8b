// Sections: global init · callbacks · error mapping · HttpClient.
#include "services/http_client.hpp"

#include <curl/curl.h>

#include <algorithm>
#include <cctype>
#include <string_view>

namespace kiosk::services {
namespace {

using core::ServiceError;
using core::ServiceErrorKind;

constexpr int kPollSliceMs = 50;  // how often a blocked transfer looks at the cancel flag
constexpr int kMaxRetryAfterSeconds = 86400;

// ---- global init ---------------------------------------------------------------------------------
// curl_global_init is process-wide and not thread-safe in older libcurl; a function-static runs it once.
bool curlReady() {
    static const bool ready = curl_global_init(CURL_GLOBAL_DEFAULT) == CURLE_OK;
    return ready;
}

// ---- callbacks -----------------------------------------------------------------------------------
// State of one transfer, seen by the callbacks. Callbacks never throw into C.
struct Transfer {
    std::string* body = nullptr;
    std::size_t maxBytes = 0;
    bool tooLarge = false;
    std::optional<int> retryAfterSeconds;
    const std::atomic<bool>* cancel = nullptr;
    bool cancelled = false;
};

bool cancelRequested(Transfer& t) {
    if (t.cancel != nullptr && t.cancel->load(std::memory_order_relaxed)) t.cancelled = true;
    return t.cancelled;
}

std::size_t onWrite(char* data, std::size_t size, std::size_t count, void* user) {
    auto& t = *static_cast<Transfer*>(user);
    const std::size_t n = size * count;
    if (n > t.maxBytes - std::min(t.maxBytes, t.body->size())) {
        t.tooLarge = true;
        return 0;  // CURLE_WRITE_ERROR
    }
    try {
        t.body->append(data, n);
    } catch (...) {
        return 0;
    }
    return n;
}

bool equalsIgnoreCase(std::string_view a, std::string_view b) {
    return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
               return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y));
           });
}

std::string_view trim(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r' || s.back() == '\n'))
        s.remove_suffix(1);
    return s;
}

std::optional<int> parseDelaySeconds(std::string_view v) {
    if (v.empty() || v.size() > 9) return std::nullopt;  // 9 digits cannot overflow int
    int n = 0;
    for (char c : v) {
        if (c < '0' || c > '9') return std::nullopt;  // the HTTP-date form: ignored
        n = n * 10 + (c - '0');
    }
    return std::min(n, kMaxRetryAfterSeconds);
}

std::size_t onHeader(char* data, std::size_t size, std::size_t count, void* user) {
    auto& t = *static_cast<Transfer*>(user);
    const std::size_t n = size * count;
    const std::string_view line(data, n);
    if (line.starts_with("HTTP/")) {
        t.retryAfterSeconds.reset();  // a new response (after 100 Continue): forget the previous one's headers
        return n;
    }
    const auto colon = line.find(':');
    if (colon != std::string_view::npos && equalsIgnoreCase(trim(line.substr(0, colon)), "Retry-After"))
        t.retryAfterSeconds = parseDelaySeconds(trim(line.substr(colon + 1)));
    return n;
}

int onXferInfo(void* user, curl_off_t, curl_off_t, curl_off_t, curl_off_t) {
    return cancelRequested(*static_cast<Transfer*>(user)) ? 1 : 0;  // non-zero: CURLE_ABORTED_BY_CALLBACK
}

// ---- error mapping -------------------------------------------------------------------------------
ServiceError err(ServiceErrorKind kind, const char* code) { return ServiceError{kind, code}; }
ServiceError cancelledError() { return err(ServiceErrorKind::Offline, "cancelled"); }
ServiceError transportError() { return err(ServiceErrorKind::ServerError, "transport"); }
ServiceError tlsError() { return err(ServiceErrorKind::Tls, "tls"); }

ServiceError fromCurl(CURLcode rc, const Transfer& t) {
    if (t.cancelled) return cancelledError();
    if (t.tooLarge || rc == CURLE_FILESIZE_EXCEEDED) return err(ServiceErrorKind::ServerError, "response_too_large");
    switch (rc) {
        case CURLE_COULDNT_CONNECT:
        case CURLE_COULDNT_RESOLVE_HOST:
        case CURLE_COULDNT_RESOLVE_PROXY:
        case CURLE_SEND_ERROR:
        case CURLE_RECV_ERROR:
        case CURLE_GOT_NOTHING:
        case CURLE_PARTIAL_FILE:  // the connection closed mid-answer: lost like the rest, so a create's retry replays
            return err(ServiceErrorKind::Offline, "offline");
        case CURLE_OPERATION_TIMEDOUT: return err(ServiceErrorKind::Timeout, "timeout");  // also the low-speed limit
        case CURLE_SSL_CONNECT_ERROR:
        case CURLE_PEER_FAILED_VERIFICATION:
        case CURLE_SSL_PINNEDPUBKEYNOTMATCH:
        case CURLE_SSL_CACERT_BADFILE:
        case CURLE_SSL_CERTPROBLEM:
        case CURLE_SSL_CIPHER:
        case CURLE_SSL_ISSUER_ERROR:
        case CURLE_SSL_CRL_BADFILE:
        case CURLE_SSL_INVALIDCERTSTATUS:
        case CURLE_SSL_SHUTDOWN_FAILED:
        case CURLE_SSL_ENGINE_NOTFOUND:
        case CURLE_SSL_ENGINE_SETFAILED:
        case CURLE_SSL_ENGINE_INITFAILED:
        case CURLE_SSL_CLIENTCERT:
        case CURLE_USE_SSL_FAILED: return tlsError();
        default: return transportError();
    }
}

// RAII for the options that hold memory curl does not own.
struct SlistFree {
    void operator()(curl_slist* l) const noexcept { curl_slist_free_all(l); }
};
using Headers = std::unique_ptr<curl_slist, SlistFree>;

bool appendHeader(Headers& h, const std::string& line) {
    curl_slist* next = curl_slist_append(h.get(), line.c_str());
    if (next == nullptr) return false;
    (void)h.release();
    h.reset(next);
    return true;
}

// Keeps the easy handle in the multi stack for one transfer only (curl: remove before cleanup).
class Attached {
public:
    Attached(CURLM* multi, CURL* easy) : m_multi(multi), m_easy(easy), m_ok(curl_multi_add_handle(multi, easy) == CURLM_OK) {}
    ~Attached() {
        if (m_ok) curl_multi_remove_handle(m_multi, m_easy);
    }
    Attached(const Attached&) = delete;
    Attached& operator=(const Attached&) = delete;
    bool ok() const { return m_ok; }

private:
    CURLM* m_multi;
    CURL* m_easy;
    bool m_ok;
};

int positiveOr(int v, int fallback) { return v > 0 ? v : fallback; }

}  // namespace

// ---- HttpClient ----------------------------------------------------------------------------------
void HttpClient::CurlEasyCleanup::operator()(CURL* h) const noexcept { curl_easy_cleanup(h); }
void HttpClient::CurlMultiCleanup::operator()(CURLM* h) const noexcept { curl_multi_cleanup(h); }

HttpClient::HttpClient(HttpSettings s) : m_settings(std::move(s)) {
    const HttpSettings defaults;
    m_settings.connectTimeoutMs = positiveOr(m_settings.connectTimeoutMs, defaults.connectTimeoutMs);
    m_settings.totalTimeoutMs = positiveOr(m_settings.totalTimeoutMs, defaults.totalTimeoutMs);
    m_settings.lowSpeedBytesPerSecond = positiveOr(m_settings.lowSpeedBytesPerSecond, defaults.lowSpeedBytesPerSecond);
    m_settings.lowSpeedSeconds = positiveOr(m_settings.lowSpeedSeconds, defaults.lowSpeedSeconds);
    if (!curlReady()) return;  // send() reports "transport"
    m_multi.reset(curl_multi_init());
    m_easy.reset(curl_easy_init());
}

HttpClient::~HttpClient() = default;

core::Result<HttpResponse, core::ServiceError> HttpClient::send(const HttpRequest& r, const std::atomic<bool>* cancel) {
    if (!m_multi || !m_easy) return core::unexpected(transportError());
    const bool post = r.method == "POST";
    if (!post && r.method != "GET") return core::unexpected(transportError());
    CURL* const h = m_easy.get();
    curl_easy_reset(h);  // options from the previous request go; live connections stay in the multi's cache

    HttpResponse response;
    Transfer t;
    t.body = &response.body;
    t.maxBytes = m_settings.maxResponseBytes;
    t.cancel = cancel;
    if (cancelRequested(t)) return core::unexpected(cancelledError());

    Headers headers;
    bool ok = appendHeader(headers, "Authorization: Bearer " + m_settings.token) &&
              appendHeader(headers, "Accept: application/json") && appendHeader(headers, "Expect:");
    if (post) ok = ok && appendHeader(headers, "Content-Type: " + r.contentType);
    if (!r.idempotencyKey.empty()) ok = ok && appendHeader(headers, "Idempotency-Key: " + r.idempotencyKey);
    if (!ok) return core::unexpected(transportError());

    const std::string url = m_settings.baseUrl + r.path;
    const auto maxBytes = static_cast<curl_off_t>(std::min<std::size_t>(m_settings.maxResponseBytes, 1ULL << 40));
    CURLcode rc = CURLE_OK;
    auto set = [&rc](CURLcode c) {
        if (rc == CURLE_OK) rc = c;
    };
    set(curl_easy_setopt(h, CURLOPT_URL, url.c_str()));
    set(curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L));
    set(curl_easy_setopt(h, CURLOPT_PROTOCOLS_STR, "http,https"));
    set(curl_easy_setopt(h, CURLOPT_FOLLOWLOCATION, 0L));
    set(curl_easy_setopt(h, CURLOPT_CONNECTTIMEOUT_MS, static_cast<long>(m_settings.connectTimeoutMs)));
    set(curl_easy_setopt(h, CURLOPT_TIMEOUT_MS, static_cast<long>(m_settings.totalTimeoutMs)));
    set(curl_easy_setopt(h, CURLOPT_LOW_SPEED_LIMIT, static_cast<long>(m_settings.lowSpeedBytesPerSecond)));
    set(curl_easy_setopt(h, CURLOPT_LOW_SPEED_TIME, static_cast<long>(m_settings.lowSpeedSeconds)));
    set(curl_easy_setopt(h, CURLOPT_HTTPHEADER, headers.get()));
    set(curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, &onWrite));
    set(curl_easy_setopt(h, CURLOPT_WRITEDATA, &t));
    set(curl_easy_setopt(h, CURLOPT_HEADERFUNCTION, &onHeader));
    set(curl_easy_setopt(h, CURLOPT_HEADERDATA, &t));
    set(curl_easy_setopt(h, CURLOPT_XFERINFOFUNCTION, &onXferInfo));
    set(curl_easy_setopt(h, CURLOPT_XFERINFODATA, &t));
    set(curl_easy_setopt(h, CURLOPT_NOPROGRESS, 0L));
    set(curl_easy_setopt(h, CURLOPT_MAXFILESIZE_LARGE, maxBytes));
    if (post) {
        set(curl_easy_setopt(h, CURLOPT_POST, 1L));
        set(curl_easy_setopt(h, CURLOPT_POSTFIELDS, r.body.c_str()));  // not copied: the caller can wipe it
        set(curl_easy_setopt(h, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(r.body.size())));
    } else {
        set(curl_easy_setopt(h, CURLOPT_HTTPGET, 1L));
    }
    if (rc != CURLE_OK) return core::unexpected(transportError());

    // TLS: every option must take, or the request does not go out.
    set(curl_easy_setopt(h, CURLOPT_SSL_VERIFYPEER, 1L));
    set(curl_easy_setopt(h, CURLOPT_SSL_VERIFYHOST, 2L));
    set(curl_easy_setopt(h, CURLOPT_SSLVERSION, static_cast<long>(CURL_SSLVERSION_TLSv1_2)));
    if (!m_settings.caFile.empty()) set(curl_easy_setopt(h, CURLOPT_CAINFO, m_settings.caFile.c_str()));
    if (!m_settings.pinnedPublicKey.empty())
        set(curl_easy_setopt(h, CURLOPT_PINNEDPUBLICKEY, m_settings.pinnedPublicKey.c_str()));
    if (rc != CURLE_OK) return core::unexpected(tlsError());

    {
        const Attached attached(m_multi.get(), h);
        if (!attached.ok()) return core::unexpected(transportError());
        for (;;) {
            int running = 0;
            if (curl_multi_perform(m_multi.get(), &running) != CURLM_OK) return core::unexpected(transportError());
            if (running == 0) break;
            if (cancelRequested(t)) return core::unexpected(cancelledError());  // leaving detaches the handle
            if (curl_multi_poll(m_multi.get(), nullptr, 0, kPollSliceMs, nullptr) != CURLM_OK)
                return core::unexpected(transportError());
        }
        rc = CURLE_GOT_NOTHING;  // if curl reports no result at all
        int queued = 0;
        while (CURLMsg* msg = curl_multi_info_read(m_multi.get(), &queued))
            if (msg->msg == CURLMSG_DONE && msg->easy_handle == h) rc = msg->data.result;
    }
    if (rc != CURLE_OK) return core::unexpected(fromCurl(rc, t));

    curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &response.status);
    char* contentType = nullptr;
    if (curl_easy_getinfo(h, CURLINFO_CONTENT_TYPE, &contentType) == CURLE_OK && contentType != nullptr)
        response.contentType = contentType;
    response.retryAfterSeconds = t.retryAfterSeconds;
    return response;
}

}  // namespace kiosk::services
