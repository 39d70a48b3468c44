#pragma once
// A mid-grey gray8 image of the given size, for test plugins that publish reads with images.
#include <string>

#include "platebus/image.hpp"

namespace platebus::test {

inline Image grey_image(int width, int height) {
  Image image;
  image.width = width;
  image.height = height;
  image.format = PixelFormat::gray8;
  image.stride = static_cast<std::size_t>(width);
  image.bytes = Blob::from_string(std::string(image.stride * static_cast<std::size_t>(height), '\x80'));
  return image;
}

}  // namespace platebus::test
