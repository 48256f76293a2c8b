#pragma once
// A fixed-size binary key written in config as hex (the outbox's seal key, the receipt MAC key).
#include <sodium.h>

#include <array>
#include <cstddef>
#include <optional>
#include <string_view>

namespace kiosk::services {

// Exactly 2·N hex digits, nothing else; otherwise nullopt.
template <std::size_t N>
std::optional<std::array<unsigned char, N>> parseHexKey(std::string_view hex) {
    std::array<unsigned char, N> key{};
    std::size_t len = 0;
    if (hex.size() != N * 2) return std::nullopt;
    if (sodium_hex2bin(key.data(), key.size(), hex.data(), hex.size(), nullptr, &len, nullptr) != 0 || len != N)
        return std::nullopt;
    return key;
}

}  // namespace kiosk::services
