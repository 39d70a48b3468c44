#pragma once
// The plugin ABI version. A plugin records the value it was built with in its descriptor and the
// host refuses any other value, so a stale plugin fails with a clear message instead of crashing.
#include <cstdint>

#define PLATEBUS_SDK_API __attribute__((visibility("default")))

namespace platebus {

// Bump on any change to these headers that breaks plugins already built.
// 2: Message::request_id; 3: Context::begin_work/end_work; 4: PlateRead::revision, final and file,
// Frame::color renamed colour (and its part role), wire.hpp moved into the host, ConfigKey
// constraints (minimum, maximum, choices, pattern).
inline constexpr std::uint32_t kAbiVersion = 4;

}  // namespace platebus
