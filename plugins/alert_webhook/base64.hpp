#pragma once
// Standard base64 (RFC 4648, with padding), for images inside JSON.
#include <cstddef>
#include <span>
#include <string>

namespace platebus::alerts {

std::string base64_encode(std::span<const std::byte> bytes);

}  // namespace platebus::alerts
