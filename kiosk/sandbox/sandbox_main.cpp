// kiosk-sandbox: the central API sandbox server.
//   kiosk-sandbox --listen 127.0.0.1:8470 --db PATH [--seed FILE] [--today YYYY-MM-DD]
//                 [--latency-ms N] [--fail-rate R] [--drop-after-commit-rate R] [--tls-cert F --tls-key F]
// Exit codes: 0 stopped by a signal, 2 usage, 3 seed or database problem, 4 cannot bind.
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "sandbox/server.hpp"

#ifndef KIOSK_DEFAULT_DATA_DIR
#define KIOSK_DEFAULT_DATA_DIR "."
#endif

namespace {

kiosk::sandbox::SandboxServer* g_server = nullptr;

void onSignal(int) {
    if (g_server) g_server->stop();
}

int usage(const std::string& why) {
    std::fprintf(stderr,
                 "kiosk-sandbox: %s\n\nUsage: kiosk-sandbox --listen HOST:PORT --db PATH [--seed FILE] [--today YYYY-MM-DD]\n"
                 "       [--latency-ms N] [--fail-rate 0..1] [--drop-after-commit-rate 0..1] [--tls-cert FILE --tls-key FILE]\n",
                 why.c_str());
    return 2;
}

bool parseRate(const char* s, double& out) {
    char* end = nullptr;
    out = std::strtod(s, &end);
    return end && *end == '\0' && out >= 0.0 && out <= 1.0;
}

}  // namespace

int main(int argc, char** argv) {
    kiosk::sandbox::SandboxOptions opt;
    opt.seedPath = std::string(KIOSK_DEFAULT_DATA_DIR) + "/config/sandbox_seed.json";
    for (int i = 1; i < argc; ++i) {
        const std::string a = argv[i];
        if (i + 1 >= argc) return usage(a + " needs a value");
        const char* v = argv[++i];
        if (a == "--listen") {
            const std::string s = v;
            const auto colon = s.rfind(':');
            if (colon == std::string::npos) return usage("--listen needs HOST:PORT");
            opt.host = s.substr(0, colon);
            opt.port = std::atoi(s.c_str() + colon + 1);
            if (opt.port < 0 || opt.port > 65535) return usage("bad port");
        } else if (a == "--db") opt.dbPath = v;
        else if (a == "--seed") opt.seedPath = v;
        else if (a == "--latency-ms") opt.latencyMs = std::max(0, std::atoi(v));
        else if (a == "--fail-rate") {
            if (!parseRate(v, opt.failRate)) return usage("--fail-rate needs a number from 0 to 1");
        } else if (a == "--drop-after-commit-rate") {
            if (!parseRate(v, opt.dropAfterCommitRate)) return usage("--drop-after-commit-rate needs a number from 0 to 1");
        } else if (a == "--today") {
            int y = 0, m = 0, d = 0;
            if (std::sscanf(v, "%4d-%2d-%2d", &y, &m, &d) != 3) return usage("--today needs YYYY-MM-DD");
            opt.today = kiosk::core::CivilDate{y, m, d};
        } else if (a == "--tls-cert") opt.certFile = v;
        else if (a == "--tls-key") opt.keyFile = v;
        else return usage("unknown argument " + a);
    }
    if (opt.dbPath.empty()) return usage("--db is required");
    try {
        kiosk::sandbox::SandboxServer server(opt);
        const int port = server.bind();
        if (port < 0) {
            std::fprintf(stderr, "kiosk-sandbox: cannot listen on %s:%d\n", opt.host.c_str(), opt.port);
            return 4;
        }
        g_server = &server;
        std::signal(SIGINT, onSignal);
        std::signal(SIGTERM, onSignal);
        std::printf("kiosk-sandbox listening on %s://%s:%d/api/v1\n", server.tls() ? "https" : "http", opt.host.c_str(), port);
        std::fflush(stdout);
        server.run();
        g_server = nullptr;
    } catch (const std::exception& e) {
        std::fprintf(stderr, "kiosk-sandbox: %s\n", e.what());
        return 3;
    }
    return 0;
}
