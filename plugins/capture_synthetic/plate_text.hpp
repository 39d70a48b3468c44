#pragma once
// Which registration numbers a synthetic plate can carry.
#include <cstddef>
#include <string>
#include <string_view>

namespace platebus::synthetic {

inline constexpr std::size_t kMinPlateChars = 2;
inline constexpr std::size_t kMaxPlateChars = 10;  // vanity plates reach 9 or 10 (1TARHEELS)

// Why `text` cannot go on a plate, or "" when it can: 2 to 10 characters of A-Z, 0-9, space or dash,
// beginning and ending with a letter or digit.
std::string plate_text_problem(std::string_view text);

}  // namespace platebus::synthetic
