#pragma once
// The plugin ABI version. A plugin records the value it was built with in its descriptor and the
// host refuses any other value, so a stale plugin fails with a clear message instead of crashing.
#include <cstdint>

#define PLATEBUS_SDK_API __attribute__((visibility("default")))

namespace platebus {

// Bump on any change to these headers that breaks plugins already built.
inline constexpr std::uint32_t kAbiVersion = 4;  // 2: Message::request_id; 3: Context::begin_work/end_work;
                                                 // 4: ConfigKey constraints (minimum, maximum, choices, pattern)

}  // namespace platebus
