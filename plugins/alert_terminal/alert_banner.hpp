#pragma once
// The text an officer sees for one hit: a framed block with every fact about it, the misread
// warning when the match is loose, where the pictures are, and the standing notice last.
#include <string>

#include "platebus/hit.hpp"
#include "saved_images.hpp"

namespace platebus::alerts {

struct BannerStyle {
  bool bell = true;     // BEL first, so the terminal beeps
  bool colour = false;  // ANSI colours (only for a terminal)
};

// `images` holds the saved files' paths, or is empty when no image folder is set.
std::string alert_banner(const Hit& hit, const SavedImages& images, bool images_saved, const BannerStyle& style);

}  // namespace platebus::alerts
