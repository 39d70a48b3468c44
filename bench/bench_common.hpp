#pragma once
// Shared by the bus-overhead benchmark and its plugins: a pool of frame buffers and the header
// fields the publisher stamps. Frame buffers come from mmap, not malloc, so the benchmark's
// allocation counter (which counts only malloc'd blocks of 1 MiB or more) sees nothing but copies.
#include <sys/mman.h>

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <memory>
#include <new>
#include <vector>

#include "platebus/frame.hpp"

namespace platebus::bench {

// Fields of header "bench": index, steady_clock send time, address of the image bytes.
inline constexpr const char* kField = "bench";

inline std::int64_t steady_ns() {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::steady_clock::now().time_since_epoch())
      .count();
}

// A frame-sized, page-backed buffer, touched once so no page faults land in the measurement.
inline std::shared_ptr<std::byte> make_frame_buffer(std::size_t size, int seed) {
  void* memory = mmap(nullptr, size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (memory == MAP_FAILED) throw std::bad_alloc();
  auto* bytes = static_cast<std::byte*>(memory);
  for (std::size_t i = 0; i < size; ++i) bytes[i] = static_cast<std::byte>((i * 31 + seed) & 0xff);
  return std::shared_ptr<std::byte>(bytes, [size](std::byte* p) { munmap(p, size); });
}

inline std::vector<std::shared_ptr<std::byte>> make_frame_pool(std::size_t size, int count) {
  std::vector<std::shared_ptr<std::byte>> pool;
  for (int i = 0; i < count; ++i) pool.push_back(make_frame_buffer(size, i));
  return pool;
}

// What a subscriber records per message.
struct Record {
  std::int64_t index = 0;
  std::int64_t sent_ns = 0;
  std::int64_t received_ns = 0;
  bool same_pointer = false;  // the received part's data is the published buffer itself
  std::size_t size = 0;
};

// Reads a couple of bytes, as a consumer would, so the compiler cannot drop the access.
inline unsigned touch(const std::byte* data, std::size_t size) {
  return size ? static_cast<unsigned>(data[0]) + static_cast<unsigned>(data[size - 1]) : 0u;
}

// The Frame message a camera would publish (colour image only, no infrared), its pixels being
// `buffer` itself, plus the "bench" header field (send time stamped later, just before sending).
inline Message make_frame_message(const std::shared_ptr<std::byte>& buffer, int width, int height,
                                  std::int64_t index) {
  Frame frame;
  frame.camera = "bench";
  frame.sequence = static_cast<std::uint64_t>(index + 1);
  frame.captured_at = now_utc();
  frame.colour.width = width;
  frame.colour.height = height;
  frame.colour.format = PixelFormat::bgr8;
  frame.colour.stride = static_cast<std::size_t>(width) * 3;
  frame.colour.bytes.owner = buffer;
  frame.colour.bytes.data = buffer.get();
  frame.colour.bytes.size = static_cast<std::size_t>(width) * height * 3;
  Message message = frame.to_message();
  message.header[kField] = {{"i", index}, {"ptr", reinterpret_cast<std::uintptr_t>(buffer.get())}, {"t_ns", 0}};
  return message;
}

inline void stamp_send_time(Message& message) { message.header[kField]["t_ns"] = steady_ns(); }

// Reads the "bench" field of a received message into a Record; `received_ns` is taken by the caller.
inline Record record_of(const Message& message, std::int64_t received_ns) {
  const auto& bench = message.header.at(kField);
  Record record;
  record.index = bench.at("i").get<std::int64_t>();
  record.sent_ns = bench.at("t_ns").get<std::int64_t>();
  record.received_ns = received_ns;
  if (!message.parts.empty()) {
    record.size = message.parts[0].size;
    record.same_pointer =
        reinterpret_cast<std::uintptr_t>(message.parts[0].data) == bench.at("ptr").get<std::uintptr_t>();
  }
  return record;
}

}  // namespace platebus::bench
