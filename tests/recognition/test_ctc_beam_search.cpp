// Unit tests of the CTC prefix beam search on hand-made column probabilities: every alignment of a
// text counts, doubled characters need a blank between them, and each character keeps the column
// where it was surest.
#define BOOST_TEST_MODULE ctc_beam_search
#define BOOST_TEST_DYN_LINK
#include <boost/test/unit_test.hpp>

#include <cmath>
#include <set>
#include <stdexcept>
#include <string>
#include <vector>

#include "ctc_beam_search.hpp"
#include "ctc_columns.hpp"

using namespace platebus::recognition;
using ctc_columns::columns;

namespace {

const CtcReading* find(const std::vector<CtcReading>& readings, const std::string& text) {
  for (const auto& r : readings)
    if (r.text == text) return &r;
  return nullptr;
}

}  // namespace

BOOST_AUTO_TEST_CASE(a_text_spread_over_columns_beats_the_single_best_path) {
  // Each column alone says blank (0.6), so the best path spells nothing; but "A" has three
  // alignments (A-, -A, AA) worth 0.24 + 0.24 + 0.16 = 0.64 against 0.36 for nothing.
  const auto readings = ctc_beam_search(columns({{0.6, 0.4, 1e-9}, {0.6, 0.4, 1e-9}}), "AB");
  BOOST_REQUIRE(!readings.empty());
  BOOST_TEST(readings.front().text == "A");
  BOOST_TEST(std::exp(readings.front().log_probability) == 0.64, boost::test_tools::tolerance(1e-5));
  const auto* nothing = find(readings, "");
  BOOST_REQUIRE(nothing != nullptr);
  BOOST_TEST(std::exp(nothing->log_probability) == 0.36, boost::test_tools::tolerance(1e-5));
}

BOOST_AUTO_TEST_CASE(a_doubled_character_needs_a_blank_between) {
  const double sure = 0.998, rest = 0.001;
  const auto with_blank = ctc_beam_search(columns({{rest, sure, rest}, {sure, rest, rest}, {rest, sure, rest}}), "AB");
  BOOST_TEST(with_blank.front().text == "AA");
  const auto without = ctc_beam_search(columns({{rest, sure, rest}, {rest, sure, rest}, {rest, rest, sure}}), "AB");
  BOOST_TEST(without.front().text == "AB");
}

BOOST_AUTO_TEST_CASE(readings_are_distinct_most_probable_first_and_within_the_width) {
  const auto readings = ctc_beam_search(
      columns({{0.3, 0.4, 0.3}, {0.5, 0.2, 0.3}, {0.2, 0.5, 0.3}, {0.4, 0.3, 0.3}}), "AB", CtcBeamOptions{5, -20});
  BOOST_TEST(readings.size() == 5u);
  std::set<std::string> texts;
  for (std::size_t i = 0; i < readings.size(); ++i) {
    texts.insert(readings[i].text);
    if (i > 0) BOOST_TEST(readings[i - 1].log_probability >= readings[i].log_probability);
  }
  BOOST_TEST(texts.size() == readings.size());
}

BOOST_AUTO_TEST_CASE(each_character_keeps_the_column_where_it_was_surest) {
  // A over columns 0-2, surest in 1; B in 4.
  const auto readings = ctc_beam_search(
      columns({{0.3, 0.69, 0.01}, {0.05, 0.94, 0.01}, {0.2, 0.79, 0.01}, {0.98, 0.01, 0.01}, {0.1, 0.01, 0.89}}), "AB");
  BOOST_REQUIRE(readings.front().text == "AB");
  BOOST_TEST(readings.front().columns == (std::vector<int>{1, 4}), boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(unlikely_classes_are_not_tried) {
  // B at 0.1 % in every column: below a floor of 0.5 % it is never tried; with a lower floor it is.
  const std::vector<std::vector<double>> p(3, {0.989, 0.01, 0.001});
  const auto pruned = ctc_beam_search(columns(p), "AB", CtcBeamOptions{16, std::log(0.005f)});
  for (const auto& r : pruned) BOOST_TEST(r.text.find('B') == std::string::npos, r.text);
  const auto all = ctc_beam_search(columns(p), "AB", CtcBeamOptions{16, -20});
  BOOST_TEST(find(all, "B") != nullptr);
}

BOOST_AUTO_TEST_CASE(a_matrix_of_the_wrong_shape_is_refused) {
  BOOST_CHECK_THROW(ctc_beam_search(cv::Mat(4, 5, CV_32F, cv::Scalar(0)), "AB"), std::invalid_argument);
  BOOST_CHECK_THROW(ctc_beam_search(cv::Mat(4, 3, CV_64F, cv::Scalar(0)), "AB"), std::invalid_argument);
}
