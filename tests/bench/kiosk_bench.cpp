// kiosk_bench: the skeleton's speed and memory figures, printed as medians and percentiles.
// Not a pass/fail test (timed unit tests lie on a shared machine); run it by hand under Xvfb:
//
//   xvfb-run -a -s "-screen 0 1920x1080x24" build/tests/kiosk_bench [--idle-seconds 30]
//
// Measures: (1) UI work per frame on the keypad screen at 1920x1080, building the frame without
// rasterising; (2) the whole frame under Mesa llvmpipe; (3) start to first frame of the real
// binary; (4) idle CPU of the real binary on Attract; (5) its peak RSS.
#include <algorithm>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <string>
#include <sys/wait.h>
#include <unistd.h>
#include <vector>

#define GLFW_INCLUDE_NONE
#include <GL/gl.h>
#include <GLFW/glfw3.h>
#include <backends/imgui_impl_glfw.h>
#include <backends/imgui_impl_opengl3.h>
#include <imgui.h>

#include "services/catalog_file.hpp"
#include "ui/fonts.hpp"
#include "ui/sample_states.hpp"
#include "ui/screens.hpp"
#include "ui/theme.hpp"
#include "headless_imgui.hpp"

namespace {

using namespace kiosk;
using Clock = std::chrono::steady_clock;

double ms(Clock::duration d) { return std::chrono::duration<double, std::milli>(d).count(); }

double percentile(std::vector<double> v, double p) {
    std::sort(v.begin(), v.end());
    const auto i = static_cast<std::size_t>(p * static_cast<double>(v.size() - 1));
    return v[i];
}

core::VisitState keypadState() {
    for (auto& s : ui::sampleStates())
        if (s.name == "identify_half") return s.state;
    std::abort();
}

ui::UiContext context(const core::Catalog& cat, const ui::Fonts& fonts) {
    ui::UiContext ctx;
    ctx.catalog = &cat;
    ctx.fonts = &fonts;
    ctx.scale = 1.0f;
    ctx.demoService = true;
    return ctx;
}

// (1) ImGui's own work: NewFrame, our screen, Render (vertex generation), no GPU.
void benchUiWork() {
    testing::HeadlessImGui imgui;
    const auto ctx = imgui.uiContext();
    const auto state = keypadState();
    std::vector<double> samples;
    for (int i = 0; i < 3000; ++i) {
        const auto t0 = Clock::now();
        ImGui::NewFrame();
        ui::drawVisit(state, ctx);
        ImGui::Render();
        if (i >= 100) samples.push_back(ms(Clock::now() - t0));
    }
    std::printf("ui work per frame, keypad 1920x1080 (no rasteriser, %d vertices): median %.3f ms, p90 %.3f ms, p99 %.3f ms (n=%zu)\n",
                ImGui::GetDrawData()->TotalVtxCount, percentile(samples, 0.5), percentile(samples, 0.9),
                percentile(samples, 0.99), samples.size());
}

// (2) The whole frame through Mesa: build + GL draw + glFinish.
void benchWholeFrame(const core::Catalog& cat) {
    if (!glfwInit()) {
        std::printf("whole frame: skipped (no display)\n");
        return;
    }
    glfwWindowHint(GLFW_CONTEXT_VERSION_MAJOR, 3);
    glfwWindowHint(GLFW_CONTEXT_VERSION_MINOR, 0);
    GLFWwindow* win = glfwCreateWindow(1920, 1080, "bench", nullptr, nullptr);
    glfwMakeContextCurrent(win);
    glfwSwapInterval(0);
    ImGui::CreateContext();
    ImGui::GetIO().IniFilename = nullptr;
    ui::Fonts fonts;
    ui::loadFonts(fonts, cat, "/usr/share/fonts/truetype/noto/NotoSans-Regular.ttf",
                  "/usr/share/fonts/truetype/noto/NotoSans-Bold.ttf", 1.0f);
    ui::applyTheme(1.0f);
    ImGui_ImplGlfw_InitForOpenGL(win, false);
    ImGui_ImplOpenGL3_Init("#version 130");
    const auto ctx = context(cat, fonts);
    const auto state = keypadState();
    std::vector<double> samples;
    for (int i = 0; i < 220; ++i) {
        const auto t0 = Clock::now();
        ImGui_ImplOpenGL3_NewFrame();
        ImGui_ImplGlfw_NewFrame();
        ImGui::NewFrame();
        ui::drawVisit(state, ctx);
        ImGui::Render();
        glViewport(0, 0, 1920, 1080);
        glClear(GL_COLOR_BUFFER_BIT);
        ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
        glfwSwapBuffers(win);
        glFinish();
        if (i >= 20) samples.push_back(ms(Clock::now() - t0));
    }
    std::printf("whole frame, keypad 1920x1080 under Mesa (%s): median %.2f ms, p90 %.2f ms (n=%zu)\n",
                reinterpret_cast<const char*>(glGetString(GL_RENDERER)), percentile(samples, 0.5),
                percentile(samples, 0.9), samples.size());
    ImGui_ImplOpenGL3_Shutdown();
    ImGui_ImplGlfw_Shutdown();
    ImGui::DestroyContext();
    glfwDestroyWindow(win);
    glfwTerminate();
}

struct Child {
    pid_t pid = -1;
    int out = -1;  // its stdout
};

Child spawnKiosk(const std::vector<std::string>& args) {
    int fds[2];
    if (pipe(fds) != 0) std::abort();
    Child c;
    c.pid = fork();
    if (c.pid == 0) {
        dup2(fds[1], STDOUT_FILENO);
        close(fds[0]);
        std::vector<char*> argv;
        argv.push_back(const_cast<char*>(KIOSK_BINARY));
        for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
        argv.push_back(nullptr);
        execv(KIOSK_BINARY, argv.data());
        _exit(127);
    }
    close(fds[1]);
    c.out = fds[0];
    return c;
}

std::string readLine(int fd) {
    std::string line;
    char ch = 0;
    while (read(fd, &ch, 1) == 1 && ch != '\n') line += ch;
    return line;
}

long cpuTicks(pid_t pid) {
    std::ifstream f("/proc/" + std::to_string(pid) + "/stat");
    std::string s((std::istreambuf_iterator<char>(f)), {});
    const auto close = s.rfind(')');
    std::vector<std::string> fields;
    std::string cur;
    for (std::size_t i = close + 2; i < s.size(); ++i) {
        if (s[i] == ' ') {
            fields.push_back(cur);
            cur.clear();
        } else {
            cur += s[i];
        }
    }
    // fields[0] is state (field 3); utime is field 14, stime field 15.
    return std::stol(fields[11]) + std::stol(fields[12]);
}

long peakRssKb(pid_t pid) {
    std::ifstream f("/proc/" + std::to_string(pid) + "/status");
    std::string line;
    while (std::getline(f, line))
        if (line.rfind("VmHWM:", 0) == 0) return std::stol(line.substr(6));
    return -1;
}

void finish(Child& c) {
    kill(c.pid, SIGTERM);
    int status = 0;
    waitpid(c.pid, &status, 0);
    close(c.out);
}

// (3) fork+exec to the first frame on screen, as the kiosk reports it right after its first swap.
void benchStartup() {
    std::vector<double> samples;
    for (int i = 0; i < 7; ++i) {
        const auto t0 = Clock::now();
        Child c = spawnKiosk({"--windowed", "1920x1080", "--report-startup", "--exit-after-ms", "5000"});
        const std::string line = readLine(c.out);
        const double elapsed = ms(Clock::now() - t0);
        finish(c);
        if (line.rfind("first-frame-ms", 0) == 0) samples.push_back(elapsed);
    }
    if (samples.empty()) {
        std::printf("start to first frame: no frame reported\n");
        return;
    }
    std::printf("start to first frame (exec to first swap): median %.0f ms, max %.0f ms (n=%zu)\n",
                percentile(samples, 0.5), percentile(samples, 1.0), samples.size());
}

// (4) + (5) CPU while idling on Attract, and peak RSS, of the real binary.
void benchIdle(int seconds) {
    Child c = spawnKiosk({"--windowed", "1920x1080", "--report-startup", "--exit-after-ms",
                          std::to_string((seconds + 10) * 1000)});
    readLine(c.out);
    sleep(2);  // let start-up settle
    const long t0 = cpuTicks(c.pid);
    sleep(static_cast<unsigned>(seconds));
    const long t1 = cpuTicks(c.pid);
    const double cpu = 100.0 * static_cast<double>(t1 - t0) / (static_cast<double>(sysconf(_SC_CLK_TCK)) * seconds);
    const long rss = peakRssKb(c.pid);
    finish(c);
    std::printf("idle CPU on Attract over %d s: %.2f %% of one core\n", seconds, cpu);
    std::printf("peak RSS (VmHWM) of the kiosk: %.1f MB\n", static_cast<double>(rss) / 1024.0);
}

}  // namespace

int main(int argc, char** argv) {
    int idleSeconds = 30;
    for (int i = 1; i + 1 < argc; ++i)
        if (std::strcmp(argv[i], "--idle-seconds") == 0) idleSeconds = std::max(1, std::atoi(argv[i + 1]));
    auto cat = services::loadCatalogs(KIOSK_SOURCE_DIR "/assets/i18n");
    if (!cat) {
        std::fprintf(stderr, "%s\n", cat.error().describe().c_str());
        return 1;
    }
    benchUiWork();
    benchWholeFrame(cat.value());
    benchStartup();
    benchIdle(idleSeconds);
    return 0;
}
