#pragma once
// Which files capture.files publishes, and which infrared image goes with each.
#include <filesystem>
#include <map>
#include <string>
#include <vector>

namespace platebus::capture_files {

// .jpg, .jpeg, .png or .bmp, in any letter case.
bool has_image_extension(const std::filesystem::path& file);

// The image files directly in `folder` (not in sub-folders), sorted by name.
// Throws std::filesystem::filesystem_error when the folder cannot be listed.
std::vector<std::filesystem::path> images_in_folder(const std::filesystem::path& folder);

// The images in `folder` keyed by file stem ("car_001" for "car_001.png"), for pairing infrared
// images with colour ones. When two files share a stem the first by name wins.
std::map<std::string, std::filesystem::path> images_by_stem(const std::filesystem::path& folder);

}  // namespace platebus::capture_files
