#include "image_list.hpp"

#include <algorithm>
#include <cctype>

namespace platebus::capture_files {

namespace fs = std::filesystem;

bool has_image_extension(const fs::path& file) {
  std::string extension = file.extension().string();
  std::transform(extension.begin(), extension.end(), extension.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return extension == ".jpg" || extension == ".jpeg" || extension == ".png" || extension == ".bmp";
}

std::vector<fs::path> images_in_folder(const fs::path& folder) {
  std::vector<fs::path> images;
  for (const auto& entry : fs::directory_iterator(folder)) {
    std::error_code ec;  // a dangling link or a file removed meanwhile is simply not listed
    if (entry.is_regular_file(ec) && has_image_extension(entry.path())) images.push_back(entry.path());
  }
  std::sort(images.begin(), images.end(),
            [](const fs::path& a, const fs::path& b) { return a.filename().string() < b.filename().string(); });
  return images;
}

std::map<std::string, fs::path> images_by_stem(const fs::path& folder) {
  std::map<std::string, fs::path> by_stem;
  for (const auto& image : images_in_folder(folder)) by_stem.emplace(image.stem().string(), image);
  return by_stem;
}

}  // namespace platebus::capture_files
