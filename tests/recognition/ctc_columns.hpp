#pragma once
// What the CTC decoding tests share: hand-made column probabilities over {blank, A, B}.
#include <cmath>
#include <vector>

#include <opencv2/core.hpp>

namespace ctc_columns {

// One row per column, one probability per class (blank, A, B), as the log probabilities the
// decoders take.
inline cv::Mat columns(const std::vector<std::vector<double>>& probabilities) {
  cv::Mat out(static_cast<int>(probabilities.size()), 3, CV_32F);
  for (std::size_t t = 0; t < probabilities.size(); ++t)
    for (int c = 0; c < 3; ++c) out.at<float>(static_cast<int>(t), c) = static_cast<float>(std::log(probabilities[t][c]));
  return out;
}

}  // namespace ctc_columns
