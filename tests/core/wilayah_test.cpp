// The Wilayah model: lookups by kecamatan name and code, kelurahan only under their kecamatan,
// totals, and the page arithmetic of the address pickers.
#include <doctest/doctest.h>

#include "core/wilayah.hpp"

using namespace kiosk;

namespace {
core::Wilayah sample() {
    core::Wilayah w;
    w.kecamatan.push_back({"337402", "Semarang Utara", {{"Bandarharjo", ""}, {"Purwosari", ""}}});
    w.kecamatan.push_back({"337414", "Mijen", {{"Jatisari", ""}, {"Purwosari", ""}, {"Wonolopo", "3374141001"}}});
    return w;
}
}  // namespace

TEST_CASE("wilayah: a kecamatan is found by its exact name or code") {
    const auto w = sample();
    REQUIRE(w.find("Mijen") != nullptr);
    CHECK(w.find("Mijen")->code == "337414");
    CHECK(w.findByCode("337402")->name == "Semarang Utara");
    CHECK(w.find("mijen") == nullptr);
    CHECK(w.find("Mijen ") == nullptr);
    CHECK(w.find("") == nullptr);
    CHECK(w.findByCode("337401") == nullptr);
    CHECK(core::Wilayah{}.find("Mijen") == nullptr);
}

TEST_CASE("wilayah: a kelurahan is looked up under its own kecamatan") {
    const auto w = sample();
    const auto* mijen = w.find("Mijen");
    const auto* utara = w.find("Semarang Utara");
    REQUIRE(mijen != nullptr);
    REQUIRE(utara != nullptr);
    // The same name in two kecamatan is two different kelurahan.
    REQUIRE(mijen->find("Purwosari") != nullptr);
    REQUIRE(utara->find("Purwosari") != nullptr);
    CHECK(mijen->find("Purwosari") != utara->find("Purwosari"));
    CHECK(mijen->find("Bandarharjo") == nullptr);
    CHECK(mijen->find("Wonolopo")->code == "3374141001");
    CHECK(mijen->find("Jatisari")->code.empty());
}

TEST_CASE("wilayah: total kelurahan counts every kecamatan") {
    CHECK(sample().totalKelurahan() == 5);
    CHECK(core::Wilayah{}.totalKelurahan() == 0);
}

TEST_CASE("wilayah: page count rounds up") {
    CHECK(core::pageCount(0, 8) == 0);
    CHECK(core::pageCount(1, 8) == 1);
    CHECK(core::pageCount(8, 8) == 1);
    CHECK(core::pageCount(9, 8) == 2);
    CHECK(core::pageCount(16, 8) == 2);
    CHECK(core::pageCount(177, 12) == 15);
    CHECK(core::pageCount(5, 0) == 0);
}

TEST_CASE("wilayah: page ranges cover every item once and clamp the last page") {
    const auto p0 = core::pageRange(15, 6, 0);
    CHECK(p0.first == 0);
    CHECK(p0.last == 6);
    const auto p2 = core::pageRange(15, 6, 2);
    CHECK(p2.first == 12);
    CHECK(p2.last == 15);
    CHECK(p2.size() == 3);
    CHECK(core::pageRange(15, 6, 3).empty());
    CHECK(core::pageRange(15, 6, 3).first == 15);
    CHECK(core::pageRange(0, 6, 0).empty());
    CHECK(core::pageRange(15, 0, 0).empty());

    for (std::size_t perPage : {1u, 4u, 7u, 16u, 20u}) {
        std::size_t next = 0;
        for (std::size_t page = 0; page < core::pageCount(16, perPage); ++page) {
            const auto r = core::pageRange(16, perPage, page);
            CHECK(r.first == next);
            CHECK_FALSE(r.empty());
            CHECK(r.size() <= perPage);
            next = r.last;
        }
        CHECK(next == 16);
    }
}
