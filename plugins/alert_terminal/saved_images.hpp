#pragma once
// The hit's two pictures written as files an officer can open, named by hit id.
#include <filesystem>
#include <string>

#include "platebus/hit.hpp"

namespace platebus::alerts {

struct SavedImages {
  std::filesystem::path plate_crop;  // empty when the hit had no such image
  std::filesystem::path overview;
};

// Writes "<hit_id>-plate.<ext>" and "<hit_id>-overview.<ext>" into `folder` (encoded images as they
// came, raw pixels as PNG). Throws std::runtime_error naming the file when one cannot be written.
SavedImages save_images(const Hit& hit, const std::filesystem::path& folder);

}  // namespace platebus::alerts
