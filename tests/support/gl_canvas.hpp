#pragma once
// Draws ImDrawList content into a real OpenGL framebuffer and reads the pixels back: a hidden GLFW
// window (Xvfb + Mesa llvmpipe under xvfb-run), ImGui's OpenGL3 backend, glReadPixels. For pixel
// tests of drawings (pictograms) without the kiosk binary; the golden tests use the binary's own
// --screenshot instead. Needs a DISPLAY; construction fails a REQUIRE without one.
#include <doctest/doctest.h>

#include <algorithm>
#include <cstdlib>
#include <functional>
#include <string>
#include <vector>

#define GLFW_INCLUDE_NONE
#include <GL/gl.h>
#include <GLFW/glfw3.h>
#include <backends/imgui_impl_opengl3.h>
#include <imgui.h>

namespace kiosk::testing {

// Pixels, top row first, RGBA.
struct Rgba {
    int w = 0, h = 0;
    std::vector<unsigned char> px;

    const unsigned char* at(int x, int y) const {
        return px.data() +
               (static_cast<std::size_t>(y) * static_cast<std::size_t>(w) + static_cast<std::size_t>(x)) * 4;
    }
};

class GlCanvas {
public:
    GlCanvas(int width, int height) : m_w(width), m_h(height) {
        REQUIRE_MESSAGE(std::getenv("DISPLAY") != nullptr, "no DISPLAY: run the GL tests under xvfb-run");
        REQUIRE_MESSAGE(glfwReady(), "glfwInit failed: " << glfwProblem());
        glfwWindowHint(GLFW_VISIBLE, GLFW_FALSE);
        glfwWindowHint(GLFW_CONTEXT_VERSION_MAJOR, 3);
        glfwWindowHint(GLFW_CONTEXT_VERSION_MINOR, 0);
        m_win = glfwCreateWindow(width, height, "gl_canvas", nullptr, nullptr);
        REQUIRE_MESSAGE(m_win != nullptr, "cannot create a GL window");
        glfwMakeContextCurrent(m_win);
        m_ctx = ImGui::CreateContext();
        ImGuiIO& io = ImGui::GetIO();
        io.IniFilename = nullptr;
        io.DisplaySize = ImVec2(static_cast<float>(width), static_cast<float>(height));
        io.DeltaTime = 1.0f / 60.0f;
        ImGui_ImplOpenGL3_Init("#version 130");
    }
    ~GlCanvas() {
        ImGui_ImplOpenGL3_Shutdown();
        ImGui::DestroyContext(m_ctx);
        glfwDestroyWindow(m_win);
    }
    GlCanvas(const GlCanvas&) = delete;
    GlCanvas& operator=(const GlCanvas&) = delete;

    // One frame: `background` fills the canvas, then `draw` adds to the background draw list.
    Rgba render(ImU32 background, const std::function<void(ImDrawList*)>& draw) {
        ImGui_ImplOpenGL3_NewFrame();
        ImGui::NewFrame();
        ImDrawList* dl = ImGui::GetBackgroundDrawList();
        dl->AddRectFilled(ImVec2(0, 0), ImGui::GetIO().DisplaySize, background);
        draw(dl);
        ImGui::Render();
        int fbW = 0, fbH = 0;
        glfwGetFramebufferSize(m_win, &fbW, &fbH);
        REQUIRE(fbW == m_w);
        REQUIRE(fbH == m_h);
        glViewport(0, 0, fbW, fbH);
        glClearColor(0, 0, 0, 1);
        glClear(GL_COLOR_BUFFER_BIT);
        ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
        glFinish();
        Rgba img;
        img.w = fbW;
        img.h = fbH;
        std::vector<unsigned char> bottomUp(static_cast<std::size_t>(fbW) * static_cast<std::size_t>(fbH) * 4);
        glPixelStorei(GL_PACK_ALIGNMENT, 1);
        glReadBuffer(GL_BACK);
        glReadPixels(0, 0, fbW, fbH, GL_RGBA, GL_UNSIGNED_BYTE, bottomUp.data());
        img.px.resize(bottomUp.size());
        const std::size_t row = static_cast<std::size_t>(fbW) * 4;
        for (std::size_t y = 0; y < static_cast<std::size_t>(fbH); ++y)  // OpenGL's rows run bottom-up
            std::copy_n(bottomUp.data() + (static_cast<std::size_t>(fbH) - 1 - y) * row, row, img.px.data() + y * row);
        return img;
    }

private:
    // GLFW is started once per process and ended at exit: ending and restarting it between test
    // cases made the next glfwInit fail now and then under Xvfb.
    static bool glfwReady() {
        static const bool ready = [] {
            if (glfwInit() != GLFW_TRUE) return false;
            std::atexit(glfwTerminate);
            return true;
        }();
        return ready;
    }
    static std::string glfwProblem() {
        const char* what = nullptr;
        glfwGetError(&what);
        return what ? what : "no description";
    }

    int m_w, m_h;
    GLFWwindow* m_win = nullptr;
    ImGuiContext* m_ctx = nullptr;
};

}  // namespace kiosk::testing
