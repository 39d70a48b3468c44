#pragma once
// Adding probabilities kept as logarithms (CTC decoding multiplies many small ones).
#include <algorithm>
#include <cmath>
#include <limits>

namespace platebus::recognition {

inline constexpr double kLogZero = -std::numeric_limits<double>::infinity();  // log 0: impossible

// log(e^a + e^b) without leaving the log domain.
inline double log_add(double a, double b) {
  if (a == kLogZero) return b;
  if (b == kLogZero) return a;
  const double high = std::max(a, b);
  return high + std::log1p(std::exp(std::min(a, b) - high));
}

}  // namespace platebus::recognition
