#pragma once
// RAII for ImGui's paired calls. Debian's prebuilt ImGui keeps its asserts on, so a Begin without
// End (say, after an early return) aborts the kiosk; these guards make that impossible.
#include <imgui.h>

namespace kiosk::ui {

class WindowScope {
public:
    WindowScope(const char* name, ImGuiWindowFlags flags) : m_visible(ImGui::Begin(name, nullptr, flags)) {}
    ~WindowScope() { ImGui::End(); }
    WindowScope(const WindowScope&) = delete;
    WindowScope& operator=(const WindowScope&) = delete;
    explicit operator bool() const { return m_visible; }

private:
    bool m_visible;
};

class ChildScope {
public:
    ChildScope(const char* id, ImVec2 size, ImGuiWindowFlags flags = 0) : m_visible(ImGui::BeginChild(id, size, false, flags)) {}
    ~ChildScope() { ImGui::EndChild(); }
    ChildScope(const ChildScope&) = delete;
    ChildScope& operator=(const ChildScope&) = delete;
    explicit operator bool() const { return m_visible; }

private:
    bool m_visible;
};

class StyleColorScope {
public:
    StyleColorScope() = default;
    StyleColorScope(ImGuiCol idx, ImU32 col) { push(idx, col); }
    ~StyleColorScope() { ImGui::PopStyleColor(m_count); }
    StyleColorScope(const StyleColorScope&) = delete;
    StyleColorScope& operator=(const StyleColorScope&) = delete;
    StyleColorScope& push(ImGuiCol idx, ImU32 col) {
        ImGui::PushStyleColor(idx, col);
        ++m_count;
        return *this;
    }

private:
    int m_count = 0;
};

class StyleVarScope {
public:
    StyleVarScope() = default;
    StyleVarScope(ImGuiStyleVar idx, ImVec2 v) { push(idx, v); }
    StyleVarScope(ImGuiStyleVar idx, float v) { push(idx, v); }
    ~StyleVarScope() { ImGui::PopStyleVar(m_count); }
    StyleVarScope(const StyleVarScope&) = delete;
    StyleVarScope& operator=(const StyleVarScope&) = delete;
    StyleVarScope& push(ImGuiStyleVar idx, ImVec2 v) {
        ImGui::PushStyleVar(idx, v);
        ++m_count;
        return *this;
    }
    StyleVarScope& push(ImGuiStyleVar idx, float v) {
        ImGui::PushStyleVar(idx, v);
        ++m_count;
        return *this;
    }

private:
    int m_count = 0;
};

class FontScope {
public:
    explicit FontScope(ImFont* font) { ImGui::PushFont(font); }
    ~FontScope() { ImGui::PopFont(); }
    FontScope(const FontScope&) = delete;
    FontScope& operator=(const FontScope&) = delete;
};

class IdScope {
public:
    explicit IdScope(const char* id) { ImGui::PushID(id); }
    explicit IdScope(int id) { ImGui::PushID(id); }
    ~IdScope() { ImGui::PopID(); }
    IdScope(const IdScope&) = delete;
    IdScope& operator=(const IdScope&) = delete;
};

}  // namespace kiosk::ui
