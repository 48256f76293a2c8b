#pragma once
// The administrative areas of Kota Semarang (16 kecamatan, 177 kelurahan) for the address pickers
// of the enrollment form. Data comes from config/semarang_wilayah.json (services/wilayah_file);
// this is the plain model plus the arithmetic a paginated picker needs (ImGui 1.86 has no touch
// drag-to-scroll, so long lists are shown a page at a time).
//
// Names are matched exactly (case and spaces included): the picker offers only names from this
// data, and the central API validates kecamatan by the same spelling. Kelurahan names repeat across
// kecamatan (Purwosari is in Semarang Utara and in Mijen, Mangunharjo in Tembalang and in Tugu), so
// a kelurahan is only ever looked up under its kecamatan.
//
// Pure: standard library only. Nothing here throws.
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace kiosk::core {

struct Kelurahan {
    std::string name;
    std::string code;  // 10-digit Kemendagri code (its kecamatan's code + 4 digits); empty when not known
};

struct Kecamatan {
    std::string code;  // "337401": the NIK's first six digits for this kecamatan (BRIEF §3)
    std::string name;  // "Semarang Tengah", as the central API spells it
    std::vector<Kelurahan> kelurahan;  // in picker order (the shipped file is alphabetical)

    const Kelurahan* find(std::string_view kelurahanName) const;  // nullptr if not in this kecamatan
};

struct Wilayah {
    std::vector<Kecamatan> kecamatan;  // in picker order (the shipped file: by code)
    std::string version;               // the data file's "version", for staff screens and logs

    const Kecamatan* find(std::string_view name) const;         // nullptr if unknown
    const Kecamatan* findByCode(std::string_view code) const;   // "337401"; nullptr if unknown
    int totalKelurahan() const;
};

// Pages of `perPage` items: ceil(items / perPage); 0 when there are no items or perPage is 0.
std::size_t pageCount(std::size_t items, std::size_t perPage);

// The half-open index range [first, last) shown on page `page` (0-based). A page past the end, or
// perPage 0, gives an empty range at `items`.
struct PageRange {
    std::size_t first = 0;
    std::size_t last = 0;
    std::size_t size() const { return last - first; }
    bool empty() const { return first == last; }
};
PageRange pageRange(std::size_t items, std::size_t perPage, std::size_t page);

}  // namespace kiosk::core
