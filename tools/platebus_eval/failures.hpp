#pragma once
// The misses of an evaluation, written where a person can look at them: misses.tsv (file,
// expected, got, detected, crop), each missed image, and the plate crop the reader read for it,
// which shows at once whether the box or the reading was wrong.
#include <filesystem>

#include "platebus_eval/scoring.hpp"

namespace platebus::eval {

// Creates `folder` when missing; an image already there is kept. Throws std::filesystem_error
// when the folder cannot be created, std::runtime_error when a file in it cannot be written.
void write_failures(const Score& score, const std::filesystem::path& folder);

}  // namespace platebus::eval
