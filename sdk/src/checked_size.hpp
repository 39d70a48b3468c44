#pragma once
// Size arithmetic on numbers from messages and files: 2^62 * 4 is 0 in 64 bits, so a product is
// only trusted when it did not wrap.
#include <cstdint>
#include <optional>

namespace platebus::detail {

inline std::optional<std::uint64_t> checked_product(std::uint64_t a, std::uint64_t b) {
  std::uint64_t product = 0;
  if (__builtin_mul_overflow(a, b, &product)) return std::nullopt;
  return product;
}

}  // namespace platebus::detail
