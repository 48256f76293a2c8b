#include "core/wilayah.hpp"

#include <algorithm>

namespace kiosk::core {

const Kelurahan* Kecamatan::find(std::string_view kelurahanName) const {
    const auto it = std::find_if(kelurahan.begin(), kelurahan.end(),
                                 [&](const Kelurahan& k) { return k.name == kelurahanName; });
    return it == kelurahan.end() ? nullptr : &*it;
}

const Kecamatan* Wilayah::find(std::string_view name) const {
    const auto it =
        std::find_if(kecamatan.begin(), kecamatan.end(), [&](const Kecamatan& k) { return k.name == name; });
    return it == kecamatan.end() ? nullptr : &*it;
}

const Kecamatan* Wilayah::findByCode(std::string_view code) const {
    const auto it =
        std::find_if(kecamatan.begin(), kecamatan.end(), [&](const Kecamatan& k) { return k.code == code; });
    return it == kecamatan.end() ? nullptr : &*it;
}

int Wilayah::totalKelurahan() const {
    std::size_t total = 0;
    for (const auto& k : kecamatan) total += k.kelurahan.size();
    return static_cast<int>(total);
}

std::size_t pageCount(std::size_t items, std::size_t perPage) {
    if (perPage == 0) return 0;
    return items / perPage + (items % perPage != 0 ? 1 : 0);
}

PageRange pageRange(std::size_t items, std::size_t perPage, std::size_t page) {
    if (perPage == 0 || page >= pageCount(items, perPage)) return PageRange{items, items};
    const std::size_t first = page * perPage;
    return PageRange{first, std::min(items, first + perPage)};
}

}  // namespace kiosk::core
