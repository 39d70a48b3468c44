#include "plate_formats.hpp"

#include <algorithm>
#include <cmath>
#include <fstream>
#include <stdexcept>

#include <fmt/format.h>

namespace platebus::recognition {

std::string shape_of(std::string_view text) {
  std::string shape(text.size(), 'L');
  for (std::size_t i = 0; i < text.size(); ++i)
    if (text[i] >= '0' && text[i] <= '9') shape[i] = 'D';
  return shape;
}

namespace {

std::unordered_map<char, char> same_glyphs_from(const nlohmann::json& pairs) {
  const auto is_one = [](const std::string& s, char lo, char hi) { return s.size() == 1 && s[0] >= lo && s[0] <= hi; };
  if (!pairs.is_object())
    throw std::invalid_argument("same_glyph: give letter -> digit pairs drawn alike on plates, e.g. {\"O\": \"0\"}");
  std::unordered_map<char, char> result;
  for (const auto& [letter, digit] : pairs.items()) {
    if (!is_one(letter, 'A', 'Z') || !digit.is_string() || !is_one(digit.get<std::string>(), '0', '9'))
      throw std::invalid_argument(fmt::format("same_glyph.{}: pair one capital letter with one digit, e.g. \"O\": \"0\"",
                                              letter));
    result[letter[0]] = digit.get<std::string>()[0];
  }
  return result;
}

}  // namespace

PlateFormats PlateFormats::from_json(const nlohmann::json& document) {
  if (!document.is_object() || !document.contains("formats") || !document.contains("unlisted"))
    throw std::invalid_argument(
        "expected {\"formats\": {\"DLLLDDD\": 10, ...}, \"unlisted\": 0.001}: each format's weight, and the share "
        "of any shape not listed");
  const auto& formats = document.at("formats");
  if (!formats.is_object() || formats.empty())
    throw std::invalid_argument("formats: give at least one shape and its weight, e.g. {\"LLLDDDD\": 10}");
  double total = 0;
  for (const auto& [shape, weight] : formats.items()) {
    if (shape.empty() || shape.find_first_not_of("DL") != std::string::npos)
      throw std::invalid_argument(fmt::format("formats: '{}' is not a shape; write D for a digit and L for a letter, "
                                              "e.g. DLLLDDD", shape));
    if (!weight.is_number() || weight.get<double>() <= 0)
      throw std::invalid_argument(fmt::format("formats.{}: the weight must be a number above 0", shape));
    total += weight.get<double>();
  }
  const auto& unlisted = document.at("unlisted");
  if (!unlisted.is_number() || unlisted.get<double>() <= 0 || unlisted.get<double>() >= 1)
    throw std::invalid_argument("unlisted: give the share of a shape not listed, a number between 0 and 1 (e.g. 0.001)");
  PlateFormats result;
  if (document.contains("same_glyph")) result.same_glyphs_ = same_glyphs_from(document.at("same_glyph"));
  result.log_unlisted_ = std::log(unlisted.get<double>());
  for (const auto& [shape, weight] : formats.items())
    result.log_shares_[shape] = std::log(weight.get<double>() / total + unlisted.get<double>());
  return result;
}

PlateFormats PlateFormats::load(const std::filesystem::path& file) {
  std::ifstream in(file);
  if (!in) throw std::invalid_argument(fmt::format("cannot read the plate formats '{}'", file.string()));
  try {
    return from_json(nlohmann::json::parse(in));
  } catch (const nlohmann::json::exception& e) {
    throw std::invalid_argument(fmt::format("the plate formats '{}' are not valid JSON: {}", file.string(), e.what()));
  } catch (const std::invalid_argument& e) {
    throw std::invalid_argument(fmt::format("the plate formats '{}': {}", file.string(), e.what()));
  }
}

double PlateFormats::log_share(std::string_view text) const {
  const auto found = log_shares_.find(shape_of(text));
  return found == log_shares_.end() ? log_unlisted_ : found->second;
}

std::vector<CtcReading> PlateFormats::rank(std::vector<CtcReading> readings, double weight, std::size_t min_length,
                                           std::size_t max_length) const {
  std::erase_if(readings, [&](const CtcReading& r) { return r.text.size() < min_length || r.text.size() > max_length; });
  if (readings.empty()) return readings;
  const std::size_t length = std::max_element(readings.begin(), readings.end(), [](const auto& a, const auto& b) {
                               return a.log_probability < b.log_probability;
                             })->text.size();
  // Same length first; among those the score with the prior, among the rest probability alone.
  const auto score = [&](const CtcReading& r) {
    return r.log_probability + (r.text.size() == length ? weight * log_share(r.text) : 0.0);
  };
  std::stable_sort(readings.begin(), readings.end(), [&](const CtcReading& a, const CtcReading& b) {
    const bool a_same = a.text.size() == length, b_same = b.text.size() == length;
    if (a_same != b_same) return a_same;
    return score(a) > score(b);
  });
  return readings;
}

std::string PlateFormats::settle_same_glyphs(std::string text) const {
  for (std::size_t i = 0; i < text.size(); ++i) {
    const auto pair = same_glyphs_.find(text[i]);
    if (pair == same_glyphs_.end()) continue;
    std::string as_digit = text;
    as_digit[i] = pair->second;
    if (log_share(as_digit) >= log_share(text)) text = std::move(as_digit);
  }
  return text;
}

}  // namespace platebus::recognition
