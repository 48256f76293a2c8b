#pragma once
// An in-process sandbox on a free loopback port with a fresh database in its own temporary
// folder, for the length of one test or benchmark. Defaults: the shipped seed and a fixed
// "today" (2026-11-30), so ages and slots do not drift with the calendar.
#include <atomic>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <memory>
#include <stdexcept>
#include <string>
#include <thread>
#include <unistd.h>

#include <nlohmann/json.hpp>

#include "sandbox/server.hpp"

namespace kiosk::testing {

inline constexpr core::CivilDate kSandboxToday{2026, 11, 30};
inline constexpr const char* kDemoToken = "demo-kiosk-token-01";

// Synthetic NIK number i (1..9999) of the generated test workers: Mijen, born 12 March 1985.
inline std::string syntheticWorkerNik(int i) {
    char serial[12];
    std::snprintf(serial, sizeof serial, "%04d", i % 10000);
    return std::string("337414120385") + serial;
}

class RunningSandbox {
public:
    // `seedJson`, when not empty, replaces the shipped seed (tests that need other quotas or people).
    explicit RunningSandbox(sandbox::SandboxOptions opt = {}, const std::string& seedJson = {}) {
        static std::atomic<int> instances{0};
        m_dir = std::filesystem::temp_directory_path() /
                ("kiosk_sandbox_" + std::to_string(::getpid()) + "_" + std::to_string(instances++));
        std::filesystem::remove_all(m_dir);
        std::filesystem::create_directories(m_dir);
        opt.host = "127.0.0.1";
        opt.port = 0;
        opt.dbPath = (m_dir / "sandbox.db").string();
        if (!opt.today) opt.today = kSandboxToday;
        if (!seedJson.empty()) {
            opt.seedPath = (m_dir / "seed.json").string();
            std::ofstream(opt.seedPath) << seedJson;
        } else if (opt.seedPath.empty()) {
            opt.seedPath = KIOSK_SOURCE_DIR "/config/sandbox_seed.json";
        }
        m_tls = !opt.certFile.empty();
        m_server = std::make_unique<sandbox::SandboxServer>(opt);
        m_port = m_server->bind();
        if (m_port <= 0) throw std::runtime_error("the sandbox could not bind a loopback port");
        m_thread = std::thread([this] { m_server->run(); });
    }
    ~RunningSandbox() {
        m_server->stop();
        m_thread.join();
        m_server.reset();
        std::filesystem::remove_all(m_dir);
    }
    RunningSandbox(const RunningSandbox&) = delete;
    RunningSandbox& operator=(const RunningSandbox&) = delete;

    int port() const { return m_port; }
    std::string dbPath() const { return (m_dir / "sandbox.db").string(); }
    std::string baseUrl() const {
        return std::string(m_tls ? "https" : "http") + "://127.0.0.1:" + std::to_string(m_port) + "/api/v1";
    }

private:
    std::filesystem::path m_dir;
    std::unique_ptr<sandbox::SandboxServer> m_server;
    int m_port = -1;
    bool m_tls = false;
    std::thread m_thread;
};

// The shipped seed plus `count` synthetic eligible workers in Mijen (NIKs 337414120385xxxx,
// serials from 0001), with room in the quotas for all of them: for load, crash and fault tests.
inline std::string seedWithWorkers(int count) {
    std::ifstream in(KIOSK_SOURCE_DIR "/config/sandbox_seed.json");
    nlohmann::json seed = nlohmann::json::parse(in);
    seed["quotas"]["apbd_by_kecamatan"]["Mijen"] = {{"total", count + 100}, {"used", 0}};
    for (int i = 1; i <= count; ++i) {
        seed["people"].push_back({{"nik", syntheticWorkerNik(i)}, {"name", "Pekerja Uji " + std::to_string(i)},
                                  {"birth_date", "1985-03-12"}, {"sex", "male"},
                                  {"domicile", {{"kecamatan", "Mijen"}, {"kelurahan", "Mijen"}, {"in_semarang", true}}},
                                  {"employment", "informal"}, {"occupation", "petani"},
                                  {"bpjs", {{"active", false}, {"since", nullptr}}}, {"refer_to_staff", false},
                                  {"demo_note", "generated test worker"}});
    }
    return seed.dump();
}

}  // namespace kiosk::testing
