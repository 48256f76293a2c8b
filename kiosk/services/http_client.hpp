#pragma once
// A small blocking HTTP layer over libcurl, for worker threads only (never the UI thread).
//
// Contract:
// - One curl easy handle per HttpClient, reused so keep-alive connections survive between requests.
//   A client is used by one thread at a time.
// - Always bounded: connect, total and low-speed limits from HttpSettings (libcurl's defaults never time out).
// - TLS verification is always on and cannot be turned off from here; optional CA bundle and public-key pin.
//   A TLS option this libcurl cannot honour (e.g. pinning unsupported) fails the request: never silently weaker.
// - No redirects are followed (the bearer token must not travel anywhere else), only http/https.
// - HTTP statuses are not errors here: every complete response comes back as HttpResponse.
//   Errors are transport failures only: "offline" (also a connection lost in the middle of an answer),
//   "timeout", "tls", "transport", "response_too_large",
//   and "cancelled" when *cancel became true (noticed within ~50 ms, also while connecting).
// - Personal data goes in request bodies only, never in paths (the API spec's rule; callers keep it).
#include <atomic>
#include <cstddef>
#include <memory>
#include <optional>
#include <string>

#include "core/eligibility.hpp"
#include "core/result.hpp"

// libcurl's handle types, declared exactly as <curl/curl.h> and <curl/multi.h> do, so that C header stays
// out of ours (STYLE pattern 4).
using CURL = void;
using CURLM = void;

namespace kiosk::services {

struct HttpSettings {
    std::string baseUrl;  // e.g. http://127.0.0.1:8470/api/v1 (no trailing slash)
    std::string token;    // bearer token of this kiosk
    int connectTimeoutMs = 3000;  // values <= 0 fall back to these defaults: 0 would mean "wait forever" to curl
    int totalTimeoutMs = 10000;
    int lowSpeedBytesPerSecond = 64;  // abort when slower than this ...
    int lowSpeedSeconds = 5;          // ... for this long
    std::string caFile;           // optional CA bundle (PEM)
    std::string pinnedPublicKey;  // optional "sha256//BASE64"
    std::size_t maxResponseBytes = 1 << 20;
};

struct HttpRequest {
    std::string method;  // GET or POST
    std::string path;    // "/eligibility", appended to baseUrl
    std::string body;    // POST only; sent without a copy inside curl so the caller can wipe it
    std::string idempotencyKey;  // sent as Idempotency-Key when non-empty
    std::string contentType = "application/json";  // of the POST body
};

struct HttpResponse {
    long status = 0;
    std::string body;
    std::string contentType;
    std::optional<int> retryAfterSeconds;  // Retry-After in its seconds form (0..86400); the date form is ignored
};

class HttpClient {
public:
    explicit HttpClient(HttpSettings s);
    ~HttpClient();
    HttpClient(const HttpClient&) = delete;
    HttpClient& operator=(const HttpClient&) = delete;

    core::Result<HttpResponse, core::ServiceError> send(const HttpRequest& r, const std::atomic<bool>* cancel = nullptr);

private:
    struct CurlEasyCleanup {
        void operator()(CURL* h) const noexcept;
    };
    struct CurlMultiCleanup {
        void operator()(CURLM* h) const noexcept;
    };

    HttpSettings m_settings;
    std::unique_ptr<CURLM, CurlMultiCleanup> m_multi;  // owns the connection cache; drives the transfer
    std::unique_ptr<CURL, CurlEasyCleanup> m_easy;     // declared after m_multi: cleaned up before it (curl's order)
};

}  // namespace kiosk::services
