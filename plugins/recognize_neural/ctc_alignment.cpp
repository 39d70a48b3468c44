// The text is expanded to blank, c1, blank, c2, ..., blank (states); an alignment walks the states
// left to right one column at a time, staying, stepping to the next state, or skipping a blank
// between two different characters.
#include "ctc_alignment.hpp"

#include <algorithm>
#include <cmath>
#include <vector>

#include "log_probability.hpp"

namespace platebus::recognition {

CtcReading ctc_align(const cv::Mat& log_probabilities, std::string_view text, std::string_view alphabet) {
  CtcReading reading{std::string(text), kLogZero, {}};
  std::vector<int> states{0};  // class of each state
  for (const char c : text) {
    const auto found = alphabet.find(c);
    if (found == std::string_view::npos) return reading;
    states.push_back(static_cast<int>(found) + 1);
    states.push_back(0);
  }
  const int columns = log_probabilities.rows;
  const auto count = static_cast<int>(states.size());
  if (columns == 0 || static_cast<int>(text.size()) > columns) return reading;
  // May an alignment move from state s - 2 to s (skipping the blank between two characters)?
  const auto may_skip = [&](int s) { return s >= 2 && states[s] != 0 && states[s] != states[s - 2]; };

  std::vector<double> forward(count, kLogZero), best(count, kLogZero);
  std::vector<std::vector<int>> came_from(columns, std::vector<int>(count, -1));
  const float* first = log_probabilities.ptr<float>(0);
  forward[0] = best[0] = first[states[0]];
  if (count > 1) forward[1] = best[1] = first[states[1]];
  for (int t = 1; t < columns; ++t) {
    const float* p = log_probabilities.ptr<float>(t);
    std::vector<double> next_forward(count, kLogZero), next_best(count, kLogZero);
    for (int s = 0; s < count; ++s) {
      double sum = forward[s], top = best[s];
      int from = s;
      if (s >= 1) {
        sum = log_add(sum, forward[s - 1]);
        if (best[s - 1] > top) top = best[s - 1], from = s - 1;
      }
      if (may_skip(s)) {
        sum = log_add(sum, forward[s - 2]);
        if (best[s - 2] > top) top = best[s - 2], from = s - 2;
      }
      if (sum == kLogZero && top == kLogZero) continue;
      next_forward[s] = sum + p[states[s]];
      next_best[s] = top + p[states[s]];
      came_from[t][s] = from;
    }
    forward.swap(next_forward);
    best.swap(next_best);
  }
  reading.log_probability = count > 1 ? log_add(forward[count - 1], forward[count - 2]) : forward[0];
  if (reading.log_probability == kLogZero) return reading;

  // Walk the likeliest alignment back; each character keeps its surest column.
  int s = count > 1 && best[count - 2] > best[count - 1] ? count - 2 : count - 1;
  std::vector<int> column_of(text.size(), -1);
  std::vector<float> surest(text.size(), -INFINITY);
  for (int t = columns - 1; t >= 0; --t) {
    if (s % 2 == 1) {
      const auto character = static_cast<std::size_t>(s / 2);
      const float p = log_probabilities.ptr<float>(t)[states[s]];
      if (p > surest[character]) surest[character] = p, column_of[character] = t;
    }
    if (t > 0) s = came_from[t][s];
  }
  reading.columns = std::move(column_of);
  return reading;
}

}  // namespace platebus::recognition
