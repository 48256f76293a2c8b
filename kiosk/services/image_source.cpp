#include "services/image_source.hpp"

#include <chrono>
#include <thread>

#include <stb_image.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <memory>

namespace kiosk::services {
namespace {

struct FileCloser {
    void operator()(std::FILE* f) const { std::fclose(f); }
};
struct StbFree {
    void operator()(unsigned char* p) const { stbi_image_free(p); }
};

}  // namespace

core::Result<GreyFrame, std::string> loadGreyImage(const std::string& path) {
    std::error_code ec;
    if (std::filesystem::is_directory(path, ec)) return core::unexpected("cannot read " + path + ": is a directory");
    std::unique_ptr<std::FILE, FileCloser> file(std::fopen(path.c_str(), "rb"));
    if (!file) return core::unexpected("cannot open " + path + ": " + std::strerror(errno));
    int w = 0, h = 0, channels = 0;
    if (!stbi_info_from_file(file.get(), &w, &h, &channels)) {
        const char* why = stbi_failure_reason();
        return core::unexpected("cannot read " + path + ": not a supported image (" + (why ? why : "unknown") + ")");
    }
    if (w <= 0 || h <= 0 || w > kMaxImageSide || h > kMaxImageSide)
        return core::unexpected("cannot read " + path + ": image is " + std::to_string(w) + "x" + std::to_string(h) +
                                ", more than " + std::to_string(kMaxImageSide) + " pixels a side");
    std::unique_ptr<unsigned char, StbFree> data(stbi_load_from_file(file.get(), &w, &h, &channels, 1));
    if (!data) {
        const char* why = stbi_failure_reason();
        return core::unexpected("cannot read " + path + ": " + (why ? why : "decoding failed"));
    }
    GreyFrame f;
    f.width = w;
    f.height = h;
    const auto n = static_cast<std::size_t>(w) * static_cast<std::size_t>(h);
    f.pixels.assign(data.get(), data.get() + n);
    return f;
}

bool isImageFileName(const std::string& name) {
    std::string ext = std::filesystem::path(name).extension().string();
    std::transform(ext.begin(), ext.end(), ext.begin(),
                   [](char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; });
    for (const char* e : {".png", ".jpg", ".jpeg", ".pgm", ".ppm", ".pnm", ".bmp"})
        if (ext == e) return true;
    return false;
}

core::Result<std::vector<std::string>, std::string> listImageFiles(const std::string& dir) {
    std::error_code ec;
    if (!std::filesystem::is_directory(dir, ec)) return core::unexpected("not a folder: " + dir);
    std::vector<std::filesystem::path> found;
    std::filesystem::directory_iterator it(dir, ec), end;
    if (ec) return core::unexpected("cannot list " + dir + ": " + ec.message());
    for (; it != end; it.increment(ec)) {
        if (ec) return core::unexpected("cannot list " + dir + ": " + ec.message());
        std::error_code typeEc;
        if (it->is_regular_file(typeEc) && isImageFileName(it->path().filename().string())) found.push_back(it->path());
    }
    std::sort(found.begin(), found.end(),
              [](const auto& a, const auto& b) { return a.filename().string() < b.filename().string(); });
    std::vector<std::string> out;
    out.reserve(found.size());
    for (const auto& p : found) out.push_back(p.string());
    return out;
}

core::Result<FolderSource, std::string> FolderSource::open(const std::string& dir, bool loop) {
    auto files = listImageFiles(dir);
    if (!files) return core::unexpected(files.error());
    return FolderSource(std::move(files.value()), loop);
}

std::optional<core::Result<GreyFrame, std::string>> FolderSource::next() {
    if (m_files.empty()) return std::nullopt;
    if (m_next >= m_files.size()) {
        if (!m_loop) return std::nullopt;
        m_next = 0;
    }
    // Looping stands in for a camera (demo kiosks): pace it like one, 15 frames a second.
    if (m_loop) std::this_thread::sleep_for(std::chrono::milliseconds(66));
    return loadGreyImage(m_files[m_next++]);
}

}  // namespace kiosk::services
