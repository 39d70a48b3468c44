#pragma once
// The most probable texts in a CTC network's output, not just its most probable column-by-column
// path: a text's probability sums every alignment that spells it (repeats collapsed, blanks
// dropped), so a character read weakly over several columns can outweigh one strong column, and
// the runner-up texts differ from the best by a dropped or added character as well as a swapped one.
#include <string>
#include <string_view>
#include <vector>

#include <opencv2/core.hpp>

namespace platebus::recognition {

struct CtcReading {
  std::string text;
  double log_probability = 0;      // log P(text | image), every alignment summed
  std::vector<int> columns;        // per character: the column where it was surest
};

struct CtcBeamOptions {
  int width = 8;                   // prefixes kept after each column
  float min_log_probability = -8;  // classes less likely than this in a column are not tried (e^-8 ~ 0.03 %)
};

// `log_probabilities`: one row per output column, one CV_32F column per class (log-softmax), class 0
// the blank and class c the character alphabet[c - 1]. Returns at most `width` distinct texts, most
// probable first (the empty text included when it survives).
std::vector<CtcReading> ctc_beam_search(const cv::Mat& log_probabilities, std::string_view alphabet,
                                        const CtcBeamOptions& options = {});

}  // namespace platebus::recognition
