#pragma once
// The sandbox: a real server implementing the central API contract (kiosk/sandbox/openapi.json)
// over SQLite, seeded with fictional people from config/sandbox_seed.json. Used by the demo, the
// tests and pilot sites. Fault knobs let tests see the kiosk survive a bad network.
#include <memory>
#include <optional>
#include <string>

#include "core/nik.hpp"

namespace kiosk::sandbox {

struct SandboxOptions {
    std::string host = "127.0.0.1";
    int port = 8470;                          // 0: any free port (tests)
    std::string dbPath;                       // created and seeded on first start
    std::string seedPath;                     // the seed JSON (people, quotas, courses, messages, …)
    int latencyMs = 0;                        // added to every request
    double failRate = 0.0;                    // share of requests answered 503 before doing anything
    double dropAfterCommitRate = 0.0;         // share of creates that commit, then drop the connection
    std::optional<core::CivilDate> today;     // fixed "today" (tests, examples); default: now in Asia/Jakarta
    std::string certFile;                     // TLS: both set → HTTPS
    std::string keyFile;
    std::size_t maxBodyBytes = 64 * 1024;
};

class SandboxServer {
public:
    explicit SandboxServer(SandboxOptions options);  // opens/seeds the database; throws on a broken seed or DB
    ~SandboxServer();
    SandboxServer(const SandboxServer&) = delete;
    SandboxServer& operator=(const SandboxServer&) = delete;

    // Binds (port 0 picks one) and returns the bound port, or -1. Then run() serves until stop().
    int bind();
    void run();
    void stop();
    bool tls() const;

private:
    struct Impl;
    std::unique_ptr<Impl> m_impl;
};

}  // namespace kiosk::sandbox
