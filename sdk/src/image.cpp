#include "platebus/image.hpp"

#include <fmt/format.h>

#include <climits>

#include "checked_size.hpp"

namespace platebus {

namespace {
struct FormatName {
  PixelFormat format;
  const char* name;
  std::size_t bytes_per_pixel;  // 0 for encoded formats
};
constexpr FormatName kFormats[] = {{PixelFormat::bgr8, "bgr8", 3},
                                   {PixelFormat::gray8, "gray8", 1},
                                   {PixelFormat::gray16, "gray16", 2},
                                   {PixelFormat::jpeg, "jpeg", 0},
                                   {PixelFormat::png, "png", 0}};

// A width or height as the description gives it: a whole number that fits an int, not one that
// get<int>() would silently cut to its low 32 bits.
int side(const nlohmann::json& value, const std::string& where, const char* name) {
  const auto number = value.get<std::int64_t>();
  if (number < 0 || number > INT_MAX)
    throw MessageError(fmt::format("{}: {} {} is not an image side (0 to {})", where, name, value.dump(), INT_MAX));
  return static_cast<int>(number);
}

const FormatName& info(PixelFormat format) {
  for (const auto& f : kFormats)
    if (f.format == format) return f;
  return kFormats[0];
}
}  // namespace

const char* to_string(PixelFormat format) { return info(format).name; }

PixelFormat pixel_format_from(const std::string& name) {
  for (const auto& f : kFormats)
    if (name == f.name) return f.format;
  throw MessageError(fmt::format("unknown image format '{}' (expected bgr8, gray8, gray16, jpeg or png)", name));
}

void attach_image(Message& message, const std::string& role, const Image& image) {
  if (image.empty()) return;
  auto& parts = message.header[field::parts];
  if (!parts.is_array()) parts = nlohmann::json::array();
  nlohmann::json description = {{"role", role},
                                {"format", to_string(image.format)},
                                {"width", image.width},
                                {"height", image.height},
                                {"size", image.bytes.size}};
  if (image.stride != 0) description["stride"] = image.stride;
  parts.push_back(std::move(description));
  message.parts.push_back(image.bytes);
}

Image find_image(const Message& message, const std::string& role) {
  const auto parts = message.header.find(field::parts);
  if (parts == message.header.end() || !parts->is_array()) return {};
  for (std::size_t index = 0; index < parts->size(); ++index) {
    const auto& d = (*parts)[index];
    if (!d.is_object() || d.value("role", "") != role) continue;
    const auto where = fmt::format("{} message from '{}', image '{}'", message.type(), message.source(), role);
    if (index >= message.parts.size()) {
      throw MessageError(fmt::format("{}: header describes part {} but only {} binary parts arrived", where,
                                     index + 1, message.parts.size()));
    }
    Image image;
    try {
      image.format = pixel_format_from(d.at("format").get<std::string>());
      image.width = side(d.at("width"), where, "width");
      image.height = side(d.at("height"), where, "height");
      image.stride = d.value("stride", std::size_t{0});
    } catch (const nlohmann::json::exception& e) {
      throw MessageError(fmt::format("{}: malformed part description: {}", where, e.what()));
    }
    image.bytes = message.parts[index];
    if (d.contains("size") && d["size"] != image.bytes.size) {
      throw MessageError(fmt::format("{}: header says {} bytes but the part has {}", where, d["size"].dump(),
                                     image.bytes.size));
    }
    const auto bpp = info(image.format).bytes_per_pixel;
    if (bpp != 0) {
      const auto needed = detail::checked_product(image.stride, static_cast<std::uint64_t>(std::max(image.height, 0)));
      if (image.width <= 0 || image.height <= 0 || image.stride < static_cast<std::size_t>(image.width) * bpp ||
          !needed || image.bytes.size < *needed) {
        throw MessageError(fmt::format("{}: {}x{} {} with stride {} does not fit its {} bytes", where, image.width,
                                       image.height, to_string(image.format), image.stride, image.bytes.size));
      }
    }
    return image;
  }
  return {};
}

}  // namespace platebus
