#include "platebus/image_probe.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cstdlib>
#include <string_view>

namespace platebus {

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

// |value| without the overflow std::abs has for INT32_MIN.
int magnitude(std::int32_t value) {
  return static_cast<int>(std::min<std::int64_t>(std::abs(static_cast<std::int64_t>(value)), 0x7FFFFFFF));
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
  probe.format = EncodedFormat::jpeg;
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
    if (is_start_of_frame(marker) && length >= 8) {
      // libjpeg sizes its buffers by the first frame header; a second one would make this probe
      // and the decoder disagree about the size.
      if (probe.width != 0 || probe.height != 0) {
        probe.problem = "damaged JPEG: it has two frame headers (SOF)";
        return probe;
      }
      probe.height = static_cast<int>(big_endian(b, at + 3, 2));
      probe.width = static_cast<int>(big_endian(b, at + 5, 2));
      probe.bytes_per_pixel = b[at + 7];  // colour components, one byte each (CMYK: 4)
      if (probe.bytes_per_pixel < 1 || probe.bytes_per_pixel > 4) {
        probe.problem = fmt::format("damaged JPEG: {} colour components (1 to 4 exist)", probe.bytes_per_pixel);
        return probe;
      }
    }
    at += length;
    if (marker == 0xDA) in_scan = true;  // SOS: entropy-coded data follows
  }
  probe.problem = "truncated JPEG: the file ends before its end-of-image marker";
  return probe;
}

ImageProbe probe_png(Bytes b) {
  ImageProbe probe;
  probe.format = EncodedFormat::png;
  // Signature (8), IHDR length (4) and type (4), then width and height.
  if (b.size() < 24 || !std::equal(b.begin() + 12, b.begin() + 16, std::string_view("IHDR").begin())) {
    probe.problem = "damaged PNG: no image header (IHDR)";
    return probe;
  }
  probe.width = static_cast<int>(std::min<std::uint32_t>(big_endian(b, 16, 4), 0x7FFFFFFF));
  probe.height = static_cast<int>(std::min<std::uint32_t>(big_endian(b, 20, 4), 0x7FFFFFFF));
  // Decoders give grey as 1 channel, colour as 3, anything with alpha or a palette as up to 4;
  // 16-bit samples take 2 bytes each.
  const std::uint8_t bit_depth = b.size() > 25 ? b[24] : 0;
  const std::uint8_t colour_type = b.size() > 25 ? b[25] : 0xFF;
  const int channels = colour_type == 0 ? 1 : colour_type == 2 ? 3 : colour_type <= 6 ? 4 : 0;
  if (channels == 0 || colour_type == 1 || colour_type == 5) {
    probe.problem = fmt::format("damaged PNG: colour type {} does not exist", colour_type);
    return probe;
  }
  probe.bytes_per_pixel = channels * (bit_depth > 8 ? 2 : 1);
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
  probe.format = EncodedFormat::bmp;
  if (b.size() < 26) {
    probe.problem = "damaged BMP: the header is cut short";
    return probe;
  }
  const std::int32_t header_size = little_endian32(b, 14);
  if (header_size == 12) {  // OS/2 BITMAPCOREHEADER: 16-bit sizes
    probe.width = b[18] | (b[19] << 8);
    probe.height = b[20] | (b[21] << 8);
  } else {
    probe.width = magnitude(little_endian32(b, 18));
    probe.height = magnitude(little_endian32(b, 22));  // negative height: rows stored top-down
  }
  probe.bytes_per_pixel = 4;  // decoders give at most BGRA
  const std::uint32_t declared_size = static_cast<std::uint32_t>(little_endian32(b, 2));
  if (declared_size > b.size()) probe.problem = "truncated BMP: the file is shorter than its header says";
  return probe;
}

}  // namespace

const char* to_string(EncodedFormat format) {
  switch (format) {
    case EncodedFormat::jpeg:
      return "JPEG";
    case EncodedFormat::png:
      return "PNG";
    case EncodedFormat::bmp:
      return "BMP";
    case EncodedFormat::unknown:
      break;
  }
  return "unknown";
}

ImageProbe probe_image(std::span<const std::uint8_t> bytes) {
  if (bytes.empty()) return {EncodedFormat::unknown, 0, 0, 0, "it is empty (0 bytes)"};
  if (starts_with(bytes, "\xFF\xD8\xFF")) return probe_jpeg(bytes);
  if (starts_with(bytes, "\x89PNG\r\n\x1A\n")) return probe_png(bytes);
  if (starts_with(bytes, "BM")) return probe_bmp(bytes);
  return {EncodedFormat::unknown, 0, 0, 0, "not a JPEG, PNG or BMP image (its first bytes match none of them)"};
}

}  // namespace platebus
