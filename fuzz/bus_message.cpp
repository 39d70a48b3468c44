// The bus message decoder as a subscriber meets it: frames off a socket, decode_message(), then
// the typed reader of whichever type the header claims, then what a consumer does with the result
// (read every row of an image, print the header). Input: frames separated by "\n--\n" (topic,
// header JSON, binary parts), so seeds stay readable. Only MessageError may come out.
#include <cstdint>
#include <string_view>
#include <vector>

#include "platebus/audit_event.hpp"
#include "platebus/frame.hpp"
#include "platebus/hit.hpp"
#include "platebus/image.hpp"
#include "platebus/plate_read.hpp"
#include "bus/wire.hpp"

namespace {

std::vector<zmq::message_t> split_frames(std::string_view input) {
  constexpr std::string_view kSeparator = "\n--\n";
  std::vector<zmq::message_t> frames;
  for (;;) {
    const auto end = input.find(kSeparator);
    frames.emplace_back(input.data(), end == std::string_view::npos ? input.size() : end);
    if (end == std::string_view::npos) return frames;
    input.remove_prefix(end + kSeparator.size());
  }
}

// Reads the first and last byte of every row, as a consumer copying the pixels would.
unsigned touch_pixels(const platebus::Image& image) {
  if (image.empty() || image.stride == 0) return 0;
  unsigned sum = 0;
  const auto* bytes = reinterpret_cast<const unsigned char*>(image.bytes.data);
  for (int row = 0; row < image.height; ++row) {
    const auto* start = bytes + static_cast<std::size_t>(row) * image.stride;
    sum += start[0] + start[image.stride - 1];
  }
  return sum;
}

volatile unsigned sink;

void read_typed(const platebus::Message& message) {
  const auto type = message.type();
  if (type == platebus::Frame::kType) {
    const auto frame = platebus::Frame::from_message(message);
    sink = touch_pixels(frame.colour) + touch_pixels(frame.infrared);
  } else if (type == platebus::PlateRead::kType) {
    const auto read = platebus::PlateRead::from_message(message);
    sink = static_cast<unsigned>(read.text.size());
  } else if (type == platebus::Hit::kType) {
    sink = static_cast<unsigned>(platebus::Hit::from_message(message).matched_text.size());
  } else if (type == platebus::AuditEvent::kType) {
    sink = static_cast<unsigned>(platebus::AuditEvent::from_message(message).category.size());
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  auto frames = split_frames({reinterpret_cast<const char*>(data), size});
  try {
    const auto message = platebus::host::decode_message(std::move(frames));
    read_typed(message);
    sink = static_cast<unsigned>(message.header.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace).size());
  } catch (const platebus::MessageError&) {
    // refused with a reason: what every malformed message should get
  }
  return 0;
}
