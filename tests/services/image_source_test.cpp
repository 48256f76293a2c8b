// Image files as grey frames (stb_image): PNG grey and colour, PGM, errors as plain messages, and
// the folder source in name order.
#include <doctest/doctest.h>
#include <stb_image_write.h>

#include <cstdio>
#include <filesystem>
#include <unistd.h>

#include "services/image_source.hpp"

using namespace kiosk;
namespace fs = std::filesystem;

namespace {
struct TempDir {
    fs::path path = fs::temp_directory_path() / ("kiosk_image_source_" + std::to_string(::getpid()));
    TempDir() {
        fs::remove_all(path);
        fs::create_directories(path);
    }
    ~TempDir() { fs::remove_all(path); }
    std::string file(const std::string& name) const { return (path / name).string(); }
};
void writeText(const std::string& path, const std::string& bytes) {
    FILE* f = std::fopen(path.c_str(), "wb");
    REQUIRE(f != nullptr);
    std::fwrite(bytes.data(), 1, bytes.size(), f);
    std::fclose(f);
}
}  // namespace

TEST_CASE("PNG and PGM files load as 8-bit grey frames") {
    TempDir dir;
    const unsigned char grey[6] = {0, 50, 100, 150, 200, 255};
    REQUIRE(stbi_write_png(dir.file("g.png").c_str(), 3, 2, 1, grey, 3));
    auto g = services::loadGreyImage(dir.file("g.png"));
    REQUIRE(g.ok());
    CHECK(g->width == 3);
    CHECK(g->height == 2);
    CHECK(g->pixels == std::vector<std::uint8_t>(grey, grey + 6));

    const unsigned char rgb[6] = {255, 255, 255, 255, 0, 0};  // white, red
    REQUIRE(stbi_write_png(dir.file("c.png").c_str(), 2, 1, 3, rgb, 6));
    auto c = services::loadGreyImage(dir.file("c.png"));
    REQUIRE(c.ok());
    REQUIRE(c->pixels.size() == 2);
    CHECK(c->pixels[0] == 255);
    CHECK(c->pixels[1] < 100);  // red is dark in luminance

    writeText(dir.file("p.pgm"), std::string("P5\n2 2\n255\n") + '\x00' + '\x40' + '\x80' + '\xff');
    auto p = services::loadGreyImage(dir.file("p.pgm"));
    REQUIRE_MESSAGE(p.ok(), (p.ok() ? "" : p.error()));
    CHECK(p->pixels == std::vector<std::uint8_t>{0x00, 0x40, 0x80, 0xff});
}

TEST_CASE("unreadable image files are errors naming the file") {
    TempDir dir;
    auto missing = services::loadGreyImage(dir.file("missing.png"));
    REQUIRE_FALSE(missing.ok());
    CHECK(missing.error() == "cannot open " + dir.file("missing.png") + ": No such file or directory");
    writeText(dir.file("junk.png"), "not an image at all");
    auto junk = services::loadGreyImage(dir.file("junk.png"));
    REQUIRE_FALSE(junk.ok());
    CHECK(junk.error().rfind("cannot read " + dir.file("junk.png") + ": not a supported image", 0) == 0);
    writeText(dir.file("empty.png"), "");
    CHECK_FALSE(services::loadGreyImage(dir.file("empty.png")).ok());
    // A truncated PNG: the header promises more than the file holds.
    const unsigned char px[64] = {};
    REQUIRE(stbi_write_png(dir.file("t.png").c_str(), 8, 8, 1, px, 8));
    fs::resize_file(dir.file("t.png"), 40);
    CHECK_FALSE(services::loadGreyImage(dir.file("t.png")).ok());
    // Absurd dimensions are refused before any pixel is decoded.
    writeText(dir.file("huge.pgm"), "P5\n100000 100000\n255\n");
    auto huge = services::loadGreyImage(dir.file("huge.pgm"));
    REQUIRE_FALSE(huge.ok());
    CHECK_FALSE(services::loadGreyImage(dir.path.string()).ok());  // a folder
}

TEST_CASE("the folder source gives image files in name order and skips the rest") {
    TempDir dir;
    const unsigned char px[4] = {1, 2, 3, 4};
    for (const char* name : {"b.png", "a.PNG", "c.pgm", "notes.txt"}) writeText(dir.file(name), "x");
    REQUIRE(stbi_write_png(dir.file("b.png").c_str(), 2, 2, 1, px, 2));
    REQUIRE(stbi_write_png(dir.file("a.PNG").c_str(), 1, 1, 1, px, 1));
    fs::create_directories(dir.path / "sub.png");  // a folder with an image name is not a file
    auto src = services::FolderSource::open(dir.path.string());
    REQUIRE(src.ok());
    REQUIRE(src->files().size() == 3);
    CHECK(fs::path(src->files()[0]).filename() == "a.PNG");
    CHECK(fs::path(src->files()[1]).filename() == "b.png");
    CHECK(fs::path(src->files()[2]).filename() == "c.pgm");
    auto first = src->next();
    REQUIRE(first.has_value());
    REQUIRE(first->ok());
    CHECK(first->value().width == 1);
    auto second = src->next();
    REQUIRE(second.has_value());
    CHECK(second->ok());
    auto third = src->next();  // "x" is not a PGM: an error for this frame, the source goes on
    REQUIRE(third.has_value());
    CHECK_FALSE(third->ok());
    CHECK_FALSE(src->next().has_value());

    auto loop = services::FolderSource::open(dir.path.string(), true);
    REQUIRE(loop.ok());
    for (int i = 0; i < 7; ++i) CHECK(loop->next().has_value());
    CHECK_FALSE(services::FolderSource::open(dir.file("nowhere")).ok());
}
