// A config key's declared constraints as the host checks them (issue 18): bounds in the key's type,
// an excluded minimum, choices, patterns, lists item by item, and values no bound fits.
#define BOOST_TEST_MODULE key_constraints
#define BOOST_TEST_DYN_LINK
#include <boost/test/unit_test.hpp>

#include <limits>

#include "config/key_constraints.hpp"

using platebus::ConfigKey;
using platebus::ConfigType;
using platebus::host::constraint_problem;
using platebus::host::describe_constraints;

namespace {
constexpr auto kWidth = ConfigKey{"width", ConfigType::integer, "1280", ""}.between("320", "7680");
constexpr auto kRate = ConfigKey{"fps", ConfigType::number, "5", ""}.above("0");
constexpr auto kKeep = ConfigKey{"retention", ConfigType::duration, "730d", ""}.at_least("730d").at_most("3650d");
constexpr auto kFormat = ConfigKey{"format", ConfigType::string, "text", ""}.one_of("text|json");
constexpr auto kPlates = ConfigKey{"plates", ConfigType::string_list, "[]", ""}.matching("[A-Z0-9]{2,10}");
}  // namespace

BOOST_AUTO_TEST_CASE(bounds_are_inclusive_unless_the_minimum_is_excluded) {
  BOOST_TEST(constraint_problem(320, kWidth).empty());
  BOOST_TEST(constraint_problem(7680, kWidth).empty());
  BOOST_TEST(constraint_problem(319, kWidth) == "is 319; give 320 to 7680");
  BOOST_TEST(constraint_problem(0.0, kRate) == "is 0; give more than 0");
  BOOST_TEST(constraint_problem(0.01, kRate).empty());
  BOOST_TEST(!constraint_problem(std::numeric_limits<double>::infinity(), kRate).empty());
  BOOST_TEST(!constraint_problem(std::numeric_limits<double>::quiet_NaN(), kRate).empty());
}

BOOST_AUTO_TEST_CASE(duration_bounds_are_durations_and_values_read_as_written) {
  BOOST_TEST(constraint_problem(730LL * 86'400'000, kKeep).empty());
  BOOST_TEST(constraint_problem(365LL * 86'400'000, kKeep) == "is 365d; give 730d to 3650d");
  BOOST_TEST(constraint_problem(90'000, kKeep) == "is 90s; give 730d to 3650d");
}

BOOST_AUTO_TEST_CASE(choices_and_patterns_hold_for_text_and_each_item_of_a_list) {
  BOOST_TEST(constraint_problem("json", kFormat).empty());
  BOOST_TEST(constraint_problem("jso", kFormat) == "is 'jso'; give one of: text, json");
  BOOST_TEST(constraint_problem("text|json", kFormat) == "is 'text|json'; give one of: text, json");
  BOOST_TEST(constraint_problem(nlohmann::json::array({"7ABC123", "X"}), kPlates) ==
             "has item 2 that is 'X'; give text matching [A-Z0-9]{2,10}");
  BOOST_TEST(constraint_problem(nlohmann::json(nullptr), kFormat).empty());  // an unset optional key
  BOOST_TEST(!constraint_problem(std::string(100'000, 'A'), kPlates.matching("A*")).empty());  // bounded, no overflow
}

BOOST_AUTO_TEST_CASE(a_bound_the_plugin_wrote_wrongly_is_its_authors_to_fix) {
  constexpr auto kWrong = ConfigKey{"width", ConfigType::integer, "1", ""}.at_least("ten");
  BOOST_TEST(constraint_problem(5, kWrong).find("report this to the plugin's author") != std::string::npos);
  constexpr auto kBadPattern = ConfigKey{"name", ConfigType::string, "a", ""}.matching("([");
  BOOST_TEST(constraint_problem("a", kBadPattern).find("report this") != std::string::npos);
  BOOST_TEST(describe_constraints(ConfigKey{"x", ConfigType::string, "", ""}).empty());
}
