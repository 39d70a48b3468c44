#pragma once
// How common each plate format is, as a prior on what a reader saw. A format is a shape: D for a
// digit, L for a letter ("DLLLDDD" is California's 7ABC123). The network reads each column on its
// own and knows nothing of formats, so "59771LL" and "5977144" can score alike; the prior tips such
// a choice towards what plates are actually issued, while a clearly read vanity plate still wins.
#include <filesystem>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include <nlohmann/json.hpp>

#include "ctc_beam_search.hpp"

namespace platebus::recognition {

class PlateFormats {
 public:
  PlateFormats() = default;  // no formats: every shape alike, so rank() orders by probability alone
  // From {"formats": {"DLLLDDD": 10, ...}, "unlisted": 0.001}: each format's weight (its share is
  // the weight over the sum of all), and the share given to any shape not listed (0 < unlisted < 1).
  // Throws std::invalid_argument saying which entry is wrong and how to write it.
  static PlateFormats from_json(const nlohmann::json& document);
  // The same from a file (plugins/recognize_neural/model/us-plate-formats.json); errors name the file.
  static PlateFormats load(const std::filesystem::path& file);

  // log of the share of plates with `text`'s shape.
  double log_share(std::string_view text) const;

  // `readings` (most probable first) re-ordered for a plate of `min_length` to `max_length`
  // characters: those as long as the most probable come first, by log P(text | image) +
  // weight * log_share(text); the other lengths follow by probability. The prior only weighs
  // characters against each other, never the length: the network counts characters well but
  // tells 4 from L badly, and a format prior that also shortens or lengthens readings drops real
  // characters of plates in unlisted formats.
  std::vector<CtcReading> rank(std::vector<CtcReading> readings, double weight, std::size_t min_length,
                               std::size_t max_length) const;

  // `text` with each letter that plates draw like a digit ("same_glyph": {"O": "0"}) written as the
  // digit, unless the letter makes a commoner shape (LLLDDD's O in "NOX218" stays). Most states
  // draw O and 0 alike, and registrations, and so hot lists, spell vanity plates with the digit
  // (CUST0M); the network's clear 0s are left alone.
  std::string settle_same_glyphs(std::string text) const;

 private:
  std::unordered_map<std::string, double> log_shares_;
  double log_unlisted_ = 0;  // log 1: with nothing listed, no shape is favoured
  std::unordered_map<char, char> same_glyphs_;  // letter -> digit
};

// "DLLLDDD" for "7ABC123".
std::string shape_of(std::string_view text);

}  // namespace platebus::recognition
