#pragma once
// Reads config/semarang_wilayah.json (the kecamatan and kelurahan of Kota Semarang, for the address
// pickers) into core::Wilayah. The file is data the central API relies on (kecamatan are validated
// by name), so the reader is strict and a broken file is refused whole, never half-used:
//   * top level: exactly "source" (non-empty string), "version" (non-empty string), "kecamatan" (array);
//   * kecamatan: exactly "code", "name", "kelurahan"; code is six digits "3374KK" with KK not 00;
//     names and codes unique; at least one kelurahan each;
//   * kelurahan: "name" and optionally "code" (ten digits starting with its kecamatan's code, unique
//     in the file); names unique within their kecamatan (the same name may recur in another one);
//   * every name non-empty, at most 40 bytes, well-formed UTF-8, no control characters, no leading,
//     trailing or doubled spaces;
//   * unknown keys, duplicate JSON keys, wrong types, files over 1 MiB: refused.
// Errors are values: one message naming the file, the place and the problem, e.g.
//   "config/semarang_wilayah.json: kecamatan[4] (Genuk): kelurahan \"Kudu\" appears twice".
// Nothing throws out of these functions.
#include <string>
#include <string_view>

#include "core/result.hpp"
#include "core/wilayah.hpp"

namespace kiosk::services {

core::Result<core::Wilayah, std::string> loadWilayahFile(const std::string& path);
// The same from text (tests feed broken files through this); sourceName starts every message.
core::Result<core::Wilayah, std::string> parseWilayah(std::string_view text, const std::string& sourceName);

}  // namespace kiosk::services
