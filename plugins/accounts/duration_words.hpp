#pragma once
// Durations in words for the accounts' messages ("no login for 90 days").
#include <chrono>
#include <string>

namespace platebus::accounts {

// "90 days", "36 hours", "90 minutes", "2 seconds", "250 ms": the largest unit that divides it.
std::string describe(std::chrono::milliseconds duration);

}  // namespace platebus::accounts
