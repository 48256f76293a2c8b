// api_bench: central API figures, printed (not a pass/fail test).
//   build/tests/api_bench [--seconds 5] [--clients 16]
// (1) sandbox eligibility throughput with N concurrent keep-alive clients on loopback;
// (2) kiosk-side latency from "NIK confirmed" to the results frame drawn: reducer → command →
//     HttpEligibilityService (libcurl) → sandbox → event queue → reducer → ImGui frame built.
#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <httplib.h>
#include <imgui.h>
#include <nlohmann/json.hpp>
#include <thread>
#include <vector>

#include "app/event_queue.hpp"
#include "running_sandbox.hpp"
#include "services/catalog_file.hpp"
#include "services/http_eligibility_service.hpp"
#include "ui/fonts.hpp"
#include "ui/sample_states.hpp"
#include "ui/screens.hpp"
#include "ui/theme.hpp"
#include "headless_imgui.hpp"

using namespace kiosk;
using Clock = std::chrono::steady_clock;

namespace {

double percentile(std::vector<double> v, double p) {
    std::sort(v.begin(), v.end());
    return v[static_cast<std::size_t>(p * static_cast<double>(v.size() - 1))];
}

std::vector<std::string> seededNiks() {
    std::ifstream in(KIOSK_SOURCE_DIR "/config/sandbox_seed.json");
    const auto seed = nlohmann::json::parse(in);
    std::vector<std::string> out;
    for (const auto& p : seed["people"]) out.push_back(p["nik"].get<std::string>());
    return out;
}

void throughput(int port, int clients, int seconds, const std::vector<std::string>& niks) {
    std::atomic<long> ok{0}, failed{0};
    std::atomic<bool> stop{false};
    std::vector<std::thread> threads;
    for (int c = 0; c < clients; ++c) {
        threads.emplace_back([&, c] {
            httplib::Client client("127.0.0.1", port);
            client.set_keep_alive(true);
            client.set_tcp_nodelay(true);
            client.set_bearer_token_auth("demo-kiosk-token-01");
            std::size_t i = static_cast<std::size_t>(c);
            while (!stop) {
                const std::string body = "{\"nik\":\"" + niks[i++ % niks.size()] + "\"}";
                auto r = client.Post("/api/v1/eligibility", body, "application/json");
                if (r && r->status == 200) ++ok;
                else ++failed;
            }
        });
    }
    std::this_thread::sleep_for(std::chrono::seconds(seconds));
    stop = true;
    for (auto& t : threads) t.join();
    std::printf("sandbox eligibility throughput, %d keep-alive clients on loopback, %d s: %.0f req/s (%ld ok, %ld failed)\n",
                clients, seconds, static_cast<double>(ok) / seconds, ok.load(), failed.load());
}

void latency(int port, const std::vector<std::string>& niks) {
    testing::HeadlessImGui imgui;
    const ui::UiContext ctx = imgui.uiContext();

    app::EventQueue queue;
    services::HttpSettings http;
    http.baseUrl = "http://127.0.0.1:" + std::to_string(port) + "/api/v1";
    http.token = "demo-kiosk-token-01";
    auto service = services::makeHttpEligibilityService(http, services::RetryPolicy{},
                                                         [&queue](core::Event e) { queue.push(std::move(e)); });
    std::vector<double> samples;
    for (int i = 0; i < 300; ++i) {
        core::VisitState s = core::initialVisit(core::VisitSettings{}, 0);
        for (const core::Event& e : std::vector<core::Event>{core::ev::StartPressed{}, core::ev::LanguageChosen{}})
            s = core::next(std::move(s), e, ui::kSampleToday).state;
        for (char c : niks[static_cast<std::size_t>(i) % 20]) s = core::next(std::move(s), core::ev::KeypadDigit{c}, ui::kSampleToday).state;
        s = core::next(std::move(s), core::ev::NikSubmitted{}, ui::kSampleToday).state;
        const auto t0 = Clock::now();
        auto t = core::next(std::move(s), core::ev::IdentityConfirmed{}, ui::kSampleToday);
        s = std::move(t.state);
        const auto& req = std::get<core::cmd::RequestEligibility>(t.commands.at(0));
        service->check(req.requestId, req.nik);
        while (!std::holds_alternative<core::Results>(s.screen) && !std::holds_alternative<core::ServiceProblem>(s.screen)) {
            for (auto& e : queue.drain()) s = core::next(std::move(s), e, ui::kSampleToday).state;
            std::this_thread::sleep_for(std::chrono::microseconds(100));  // the app sleeps until glfwPostEmptyEvent
        }
        ImGui::NewFrame();
        ui::drawVisit(s, ctx);
        ImGui::Render();
        if (i >= 20) samples.push_back(std::chrono::duration<double, std::milli>(Clock::now() - t0).count());
    }
    std::printf("NIK confirmed -> results frame built, loopback sandbox: median %.2f ms, p95 %.2f ms, max %.2f ms (n=%zu)\n",
                percentile(samples, 0.5), percentile(samples, 0.95), percentile(samples, 1.0), samples.size());
    service.reset();
}

}  // namespace

int main(int argc, char** argv) {
    int seconds = 5, clients = 16;
    for (int i = 1; i + 1 < argc; ++i) {
        if (!std::strcmp(argv[i], "--seconds")) seconds = std::max(1, std::atoi(argv[i + 1]));
        if (!std::strcmp(argv[i], "--clients")) clients = std::max(1, std::atoi(argv[i + 1]));
    }
    testing::RunningSandbox sandbox;
    const auto niks = seededNiks();
    throughput(sandbox.port(), clients, seconds, niks);
    latency(sandbox.port(), niks);
    return 0;
}
