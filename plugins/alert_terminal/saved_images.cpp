#include "saved_images.hpp"

#include "alert_facts.hpp"
#include "platebus/opencv.hpp"
#include "private_files.hpp"

namespace platebus::alerts {

SavedImages save_images(const Hit& hit, const std::filesystem::path& folder) {
  const auto stem = file_safe(hit.hit_id);
  SavedImages saved{save_image(hit.read.plate_crop, folder / (stem + "-plate")),
                    save_image(hit.read.overview, folder / (stem + "-overview"))};
  // Written with the umask's mode inside a 0700 folder, so nobody else could open them meanwhile.
  for (const auto& file : {saved.plate_crop, saved.overview})
    if (!file.empty()) make_private_file(file);
  return saved;
}

}  // namespace platebus::alerts
