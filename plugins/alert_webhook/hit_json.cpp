#include "hit_json.hpp"

#include <sodium.h>

#include "alert_facts.hpp"

namespace platebus::alerts {

namespace {

// Standard base64 (RFC 4648, with padding), by libsodium.
std::string base64(std::span<const std::byte> bytes) {
  std::string text(sodium_base64_ENCODED_LEN(bytes.size(), sodium_base64_VARIANT_ORIGINAL), '\0');
  sodium_bin2base64(text.data(), text.size(), reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size(),
                    sodium_base64_VARIANT_ORIGINAL);
  text.pop_back();  // the terminating NUL libsodium writes
  return text;
}

nlohmann::json image_json(const Image& image) {
  if (image.empty()) return nullptr;
  return {{"format", to_string(image.format)},
          {"width", image.width},
          {"height", image.height},
          {"stride", image.stride},
          {"base64", base64(image.bytes.bytes())}};
}

}  // namespace

nlohmann::json hit_json(const Hit& hit) {
  // `hot_plate` and `read` as the Hit message carries them (docs/messages.md), so receivers that
  // know the bus format know these; the images ride along inline instead of as parts.
  auto wire = hit.to_message().header;
  return {{"schema", kHitJsonSchema},
          {"hit_id", hit.hit_id},
          {"match_kind", hit.match_kind},
          {"possible_misread", possible_misread(hit.match_kind)},
          {"matched_text", hit.matched_text},
          {"notice", hit.notice},
          {"location", location_text(hit.read.gps)},
          {"hot_plate", std::move(wire["hot_plate"])},
          {"read", std::move(wire["read"])},
          {"plate_crop", image_json(hit.read.plate_crop)},
          {"overview", image_json(hit.read.overview)}};
}

}  // namespace platebus::alerts
