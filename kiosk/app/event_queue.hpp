#pragma once
// Workers post events here; the UI thread drains it at the start of each frame (Tracy's RunQueue).
// push() wakes the frame loop so a reply is drawn at once even while the loop sleeps.
#include <functional>
#include <mutex>
#include <vector>

#include "core/visit.hpp"

namespace kiosk::app {

class EventQueue {
public:
    explicit EventQueue(std::function<void()> wake = {}) : m_wake(std::move(wake)) {}
    void setWake(std::function<void()> wake) {
        std::lock_guard lock(m_mutex);
        m_wake = std::move(wake);
    }
    void push(core::Event e) {
        std::function<void()> wake;
        {
            std::lock_guard lock(m_mutex);
            m_events.push_back(std::move(e));
            wake = m_wake;
        }
        if (wake) wake();
    }
    // Wakes the frame loop without an event (something it polls changed, e.g. a staff alert).
    void wake() {
        std::function<void()> wake;
        {
            std::lock_guard lock(m_mutex);
            wake = m_wake;
        }
        if (wake) wake();
    }
    std::vector<core::Event> drain() {
        std::lock_guard lock(m_mutex);
        std::vector<core::Event> out;
        out.swap(m_events);
        return out;
    }

private:
    std::mutex m_mutex;
    std::vector<core::Event> m_events;
    std::function<void()> m_wake;
};

}  // namespace kiosk::app
