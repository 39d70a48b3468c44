#pragma once
// How probable a given text is in a CTC network's output, and where its characters sit: what lets
// readings found in different views of one plate be compared on each view.
#include <string_view>

#include <opencv2/core.hpp>

#include "ctc_beam_search.hpp"

namespace platebus::recognition {

// `text` scored on `log_probabilities` (as for ctc_beam_search): log P(text | image) summed over
// every alignment (the CTC forward algorithm), and per character the column where it is surest
// on the single likeliest alignment. A text with a character outside `alphabet`, or longer than
// the columns can spell, gets -infinity and no columns.
CtcReading ctc_align(const cv::Mat& log_probabilities, std::string_view text, std::string_view alphabet);

}  // namespace platebus::recognition
