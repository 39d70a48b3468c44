// Prefix beam search: each prefix keeps two probabilities, of its alignments ending in a blank and
// ending in its last character, because a repeated character only starts a new character after a
// blank ("AA" needs A, blank, A; A, A is one A).
#include "ctc_beam_search.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <unordered_map>

#include "log_probability.hpp"

namespace platebus::recognition {

namespace {

struct Prefix {
  std::string text;
  double ends_blank = kLogZero;
  double ends_character = kLogZero;
  // Where each character was surest (and how sure, as a log probability), along the strongest
  // way of reaching this prefix seen so far: several paths merge into one prefix.
  std::vector<int> columns;
  std::vector<float> surest;
  double strongest = kLogZero;
  double total() const { return log_add(ends_blank, ends_character); }
};

enum class Step { blank, same_character, new_character };

// `entry` is reached from `from` with `weight` by `step`: keep its columns when it is the strongest.
void offer(Prefix& entry, double weight, const Prefix& from, Step step, int column, float log_probability) {
  if (weight <= entry.strongest) return;
  entry.strongest = weight;
  entry.columns = from.columns;
  entry.surest = from.surest;
  if (step == Step::new_character) {
    entry.columns.push_back(column);
    entry.surest.push_back(log_probability);
  } else if (step == Step::same_character && log_probability > entry.surest.back()) {
    entry.columns.back() = column;
    entry.surest.back() = log_probability;
  }
}

class NextBeam {
 public:
  Prefix& at(const std::string& text) {
    if (const auto found = index_.find(text); found != index_.end()) return prefixes_[found->second];
    index_.emplace(text, prefixes_.size());
    Prefix entry;
    entry.text = text;
    prefixes_.push_back(std::move(entry));
    return prefixes_.back();
  }

  std::vector<Prefix> best(int width) && {
    std::sort(prefixes_.begin(), prefixes_.end(), [](const Prefix& a, const Prefix& b) { return a.total() > b.total(); });
    if (prefixes_.size() > static_cast<std::size_t>(width)) prefixes_.resize(static_cast<std::size_t>(width));
    for (auto& prefix : prefixes_) prefix.strongest = kLogZero;
    return std::move(prefixes_);
  }

 private:
  std::unordered_map<std::string, std::size_t> index_;
  std::vector<Prefix> prefixes_;
};

}  // namespace

std::vector<CtcReading> ctc_beam_search(const cv::Mat& log_probabilities, std::string_view alphabet,
                                        const CtcBeamOptions& options) {
  if (log_probabilities.type() != CV_32FC1 || log_probabilities.cols != static_cast<int>(alphabet.size()) + 1)
    throw std::invalid_argument("ctc_beam_search: expected a CV_32F matrix with one column per class (blank first)");
  std::vector<Prefix> beam(1);
  beam[0].ends_blank = 0;
  std::vector<int> tried;  // the classes worth trying in this column
  for (int t = 0; t < log_probabilities.rows; ++t) {
    const float* p = log_probabilities.ptr<float>(t);
    tried.clear();
    for (int c = 1; c < log_probabilities.cols; ++c)
      if (p[c] >= options.min_log_probability) tried.push_back(c);
    NextBeam next;
    for (const auto& prefix : beam) {
      const double total = prefix.total();
      auto& blank = next.at(prefix.text);
      blank.ends_blank = log_add(blank.ends_blank, total + p[0]);
      offer(blank, total + p[0], prefix, Step::blank, t, p[0]);
      for (const int c : tried) {
        const char symbol = alphabet[static_cast<std::size_t>(c - 1)];
        const bool repeat = !prefix.text.empty() && prefix.text.back() == symbol;
        if (repeat) {
          // The same character again continues the last one; a new one needs a blank before it.
          auto& same = next.at(prefix.text);
          same.ends_character = log_add(same.ends_character, prefix.ends_character + p[c]);
          offer(same, prefix.ends_character + p[c], prefix, Step::same_character, t, p[c]);
        }
        const double reach = (repeat ? prefix.ends_blank : total) + p[c];
        if (reach == kLogZero) continue;  // "AA" from a prefix that has not yet seen a blank after its A
        auto& longer = next.at(prefix.text + symbol);
        longer.ends_character = log_add(longer.ends_character, reach);
        offer(longer, reach, prefix, Step::new_character, t, p[c]);
      }
    }
    beam = std::move(next).best(options.width);
  }
  std::vector<CtcReading> readings;
  readings.reserve(beam.size());
  for (auto& prefix : beam)
    if (prefix.total() != kLogZero) readings.push_back({std::move(prefix.text), prefix.total(), std::move(prefix.columns)});
  return readings;
}

}  // namespace platebus::recognition
