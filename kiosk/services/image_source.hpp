#pragma once
// Frames from image files (demo, tests, `kiosk scan`): PNG, JPEG, PGM/PPM, BMP, loaded as 8-bit grey
// with stb_image (colour is reduced to luminance). The camera source (V4L2) will implement the same
// FrameSource interface. Frames are only held in memory, never written anywhere (UU PDP art. 17).
#include <optional>
#include <string>
#include <vector>

#include "core/result.hpp"
#include "services/barcode_decoder.hpp"

namespace kiosk::services {

// Larger images are refused before decoding (a camera frame is at most 1920x1080).
inline constexpr int kMaxImageSide = 8192;

// Errors are a plain sentence naming the file, e.g. "cannot open photo.png: No such file or directory".
core::Result<GreyFrame, std::string> loadGreyImage(const std::string& path);

// True for the extensions the loaders understand (.png .jpg .jpeg .pgm .ppm .pnm .bmp, any case).
bool isImageFileName(const std::string& name);

// Regular files in `dir` with an image extension, full paths, sorted by file name (byte order).
core::Result<std::vector<std::string>, std::string> listImageFiles(const std::string& dir);

// A source of frames. next(): the next frame, an error for this frame (the source goes on), or
// nullopt when it has ended (a camera never ends).
class FrameSource {
public:
    virtual ~FrameSource() = default;
    virtual std::optional<core::Result<GreyFrame, std::string>> next() = 0;
};

// The image files of a folder in name order, once, or round and round with `loop` (demo mode).
class FolderSource final : public FrameSource {
public:
    // `loop`: start again after the last file, at a camera's pace (15 frames/s): a demo camera.
    static core::Result<FolderSource, std::string> open(const std::string& dir, bool loop = false);
    std::optional<core::Result<GreyFrame, std::string>> next() override;
    const std::vector<std::string>& files() const { return m_files; }

private:
    FolderSource(std::vector<std::string> files, bool loop) : m_files(std::move(files)), m_loop(loop) {}
    std::vector<std::string> m_files;
    std::size_t m_next = 0;
    bool m_loop = false;
};

}  // namespace kiosk::services
