// Unit tests of scoring a given text on CTC column probabilities: the forward sum agrees with the
// beam search, the likeliest alignment places each character, and impossible texts score nothing.
#define BOOST_TEST_MODULE ctc_alignment
#define BOOST_TEST_DYN_LINK
#include <boost/test/unit_test.hpp>

#include <cmath>
#include <string>
#include <vector>

#include "ctc_alignment.hpp"
#include "ctc_beam_search.hpp"
#include "ctc_columns.hpp"

using namespace platebus::recognition;
using ctc_columns::columns;

namespace {

const auto kMixed = columns({{0.3, 0.4, 0.3}, {0.5, 0.2, 0.3}, {0.2, 0.5, 0.3}, {0.4, 0.3, 0.3}});

}  // namespace

BOOST_AUTO_TEST_CASE(every_alignment_of_the_text_is_summed) {
  // "A" over two columns: A-, -A and AA, 0.24 + 0.24 + 0.16.
  const auto a = ctc_align(columns({{0.6, 0.4, 1e-9}, {0.6, 0.4, 1e-9}}), "A", "AB");
  BOOST_TEST(std::exp(a.log_probability) == 0.64, boost::test_tools::tolerance(1e-5));
}

BOOST_AUTO_TEST_CASE(scores_agree_with_the_beam_search) {
  for (const auto& reading : ctc_beam_search(kMixed, "AB", CtcBeamOptions{16, -20})) {
    const auto aligned = ctc_align(kMixed, reading.text, "AB");
    BOOST_TEST(aligned.log_probability == reading.log_probability, boost::test_tools::tolerance(1e-4));
  }
}

BOOST_AUTO_TEST_CASE(each_character_sits_where_the_likeliest_alignment_is_surest) {
  const auto ab = ctc_align(
      columns({{0.3, 0.69, 0.01}, {0.05, 0.94, 0.01}, {0.2, 0.79, 0.01}, {0.98, 0.01, 0.01}, {0.1, 0.01, 0.89}}), "AB", "AB");
  BOOST_TEST(ab.columns == (std::vector<int>{1, 4}), boost::test_tools::per_element());
  // A doubled character needs the blank between: AA over A, blank, A.
  const auto aa = ctc_align(columns({{0.01, 0.98, 0.01}, {0.98, 0.01, 0.01}, {0.01, 0.98, 0.01}}), "AA", "AB");
  BOOST_TEST(aa.columns == (std::vector<int>{0, 2}), boost::test_tools::per_element());
  BOOST_TEST(std::exp(aa.log_probability) > 0.9);
}

BOOST_AUTO_TEST_CASE(impossible_texts_score_nothing) {
  // AA needs three columns; a character outside the alphabet cannot be read.
  const auto two = columns({{0.1, 0.8, 0.1}, {0.1, 0.8, 0.1}});
  BOOST_TEST(std::isinf(ctc_align(two, "AA", "AB").log_probability));
  BOOST_TEST(std::isinf(ctc_align(two, "AC", "AB").log_probability));
  BOOST_TEST(std::isinf(ctc_align(two, "ABA", "AB").log_probability));
  BOOST_TEST(ctc_align(two, "AC", "AB").columns.empty());
}
