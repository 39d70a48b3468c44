#include "saved_images.hpp"

#include "alert_facts.hpp"
#include "platebus/opencv.hpp"

namespace platebus::alerts {

SavedImages save_images(const Hit& hit, const std::filesystem::path& folder) {
  const auto stem = file_safe(hit.hit_id);
  return {save_image(hit.read.plate_crop, folder / (stem + "-plate")),
          save_image(hit.read.overview, folder / (stem + "-overview"))};
}

}  // namespace platebus::alerts
