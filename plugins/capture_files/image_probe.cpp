#include "image_probe.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cstdlib>
#include <string_view>

namespace platebus::capture_files {

namespace {

using Bytes = std::span<const std::uint8_t>;

std::uint32_t big_endian(Bytes b, std::size_t at, int n) {
  std::uint32_t v = 0;
  for (int i = 0; i < n; ++i) v = (v << 8) | b[at + i];
  return v;
}

std::int32_t little_endian32(Bytes b, std::size_t at) {
  return static_cast<std::int32_t>(b[at] | (b[at + 1] << 8) | (b[at + 2] << 16) |
                                   (static_cast<std::uint32_t>(b[at + 3]) << 24));
}

bool starts_with(Bytes b, std::string_view magic) {
  return b.size() >= magic.size() && std::equal(magic.begin(), magic.end(), b.begin(), [](char m, std::uint8_t c) {
           return static_cast<std::uint8_t>(m) == c;
         });
}

// SOFn markers carry the frame size; C4 (DHT), C8 (reserved) and CC (DAC) share the range but do not.
bool is_start_of_frame(std::uint8_t marker) {
  return marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC;
}

// Walks the JPEG marker segments to the end-of-image marker. Inside entropy-coded data a 0xFF byte is
// always followed by 0x00 (stuffing) or a restart marker, so the next real marker is easy to find.
ImageProbe probe_jpeg(Bytes b) {
  ImageProbe probe;
  probe.format = ImageFormat::jpeg;
  std::size_t at = 2;  // after SOI
  bool in_scan = false;
  while (at < b.size()) {
    if (in_scan) {
      const auto* ff = std::find(b.data() + at, b.data() + b.size(), std::uint8_t{0xFF});
      at = static_cast<std::size_t>(ff - b.data());
      if (at + 1 >= b.size()) break;
      const std::uint8_t next = b[at + 1];
      if (next == 0x00 || (next >= 0xD0 && next <= 0xD7) || next == 0xFF) {
        at += next == 0xFF ? 1 : 2;
        continue;
      }
      in_scan = false;
      continue;
    }
    if (b[at] != 0xFF) {
      probe.problem = fmt::format("damaged JPEG: no marker where one belongs (byte {})", at);
      return probe;
    }
    while (at < b.size() && b[at] == 0xFF) ++at;  // fill bytes
    if (at >= b.size()) break;
    const std::uint8_t marker = b[at++];
    if (marker == 0xD9) {  // EOI
      if (probe.width == 0 || probe.height == 0) probe.problem = "damaged JPEG: it has no frame header (SOF)";
      return probe;
    }
    if (marker == 0x01 || (marker >= 0xD0 && marker <= 0xD8)) continue;  // markers without a length
    if (at + 2 > b.size()) break;
    const std::size_t length = big_endian(b, at, 2);
    if (length < 2 || at + length > b.size()) break;
    if (is_start_of_frame(marker) && length >= 7) {
      probe.height = static_cast<int>(big_endian(b, at + 3, 2));
      probe.width = static_cast<int>(big_endian(b, at + 5, 2));
    }
    at += length;
    if (marker == 0xDA) in_scan = true;  // SOS: entropy-coded data follows
  }
  probe.problem = "truncated JPEG: the file ends before its end-of-image marker";
  return probe;
}

ImageProbe probe_png(Bytes b) {
  ImageProbe probe;
  probe.format = ImageFormat::png;
  // Signature (8), IHDR length (4) and type (4), then width and height.
  if (b.size() < 24 || !std::equal(b.begin() + 12, b.begin() + 16, std::string_view("IHDR").begin())) {
    probe.problem = "damaged PNG: no image header (IHDR)";
    return probe;
  }
  probe.width = static_cast<int>(std::min<std::uint32_t>(big_endian(b, 16, 4), 0x7FFFFFFF));
  probe.height = static_cast<int>(std::min<std::uint32_t>(big_endian(b, 20, 4), 0x7FFFFFFF));
  // The last chunk is IEND. Look for it near the end (some writers append a few stray bytes after
  // it); a file cut short has none.
  static constexpr std::string_view kEnd = "IEND";
  const auto tail = b.subspan(b.size() - std::min<std::size_t>(b.size() - 16, 1024));
  if (std::search(tail.begin(), tail.end(), kEnd.begin(), kEnd.end()) == tail.end())
    probe.problem = "truncated PNG: the file ends before its IEND chunk";
  return probe;
}

ImageProbe probe_bmp(Bytes b) {
  ImageProbe probe;
  probe.format = ImageFormat::bmp;
  if (b.size() < 26) {
    probe.problem = "damaged BMP: the header is cut short";
    return probe;
  }
  const std::int32_t header_size = little_endian32(b, 14);
  if (header_size == 12) {  // OS/2 BITMAPCOREHEADER: 16-bit sizes
    probe.width = b[18] | (b[19] << 8);
    probe.height = b[20] | (b[21] << 8);
  } else {
    probe.width = std::abs(little_endian32(b, 18));
    probe.height = std::abs(little_endian32(b, 22));  // negative height: rows stored top-down
  }
  const std::uint32_t declared_size = static_cast<std::uint32_t>(little_endian32(b, 2));
  if (declared_size > b.size()) probe.problem = "truncated BMP: the file is shorter than its header says";
  return probe;
}

}  // namespace

const char* to_string(ImageFormat format) {
  switch (format) {
    case ImageFormat::jpeg:
      return "JPEG";
    case ImageFormat::png:
      return "PNG";
    case ImageFormat::bmp:
      return "BMP";
    case ImageFormat::unknown:
      break;
  }
  return "unknown";
}

ImageProbe probe_image(std::span<const std::uint8_t> bytes) {
  if (bytes.empty()) return {ImageFormat::unknown, 0, 0, "the file is empty (0 bytes)"};
  if (starts_with(bytes, "\xFF\xD8\xFF")) return probe_jpeg(bytes);
  if (starts_with(bytes, "\x89PNG\r\n\x1A\n")) return probe_png(bytes);
  if (starts_with(bytes, "BM")) return probe_bmp(bytes);
  return {ImageFormat::unknown, 0, 0, "not a JPEG, PNG or BMP image (its first bytes match none of them)"};
}

}  // namespace platebus::capture_files
