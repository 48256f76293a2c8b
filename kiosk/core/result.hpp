#pragma once
// Result<T, E>: errors are values at every boundary (STYLE pattern 5). std::expected needs C++23,
// which g++ 12 lacks; this is the small subset we use.
#include <utility>
#include <variant>

namespace kiosk::core {

template <class E>
struct Unexpected {
    E error;
};
template <class E>
Unexpected<E> unexpected(E e) { return Unexpected<E>{std::move(e)}; }

template <class T, class E>
class Result {
public:
    Result(T value) : m_v(std::in_place_index<0>, std::move(value)) {}                // NOLINT(google-explicit-constructor)
    template <class U>
    Result(Unexpected<U> err) : m_v(std::in_place_index<1>, E(std::move(err.error))) {}  // NOLINT(google-explicit-constructor)

    bool ok() const { return m_v.index() == 0; }
    explicit operator bool() const { return ok(); }
    T& value() { return std::get<0>(m_v); }
    const T& value() const { return std::get<0>(m_v); }
    T& operator*() { return value(); }
    const T& operator*() const { return value(); }
    T* operator->() { return &value(); }
    const T* operator->() const { return &value(); }
    const E& error() const { return std::get<1>(m_v); }

private:
    std::variant<T, E> m_v;
};

}  // namespace kiosk::core
