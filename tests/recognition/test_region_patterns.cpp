// Plate formats per region: what is published, and which region a read is labelled with.
#define BOOST_TEST_MODULE region_patterns
#define BOOST_TEST_DYN_LINK
#include <boost/test/unit_test.hpp>

#include "region_patterns.hpp"

using platebus::recognition::RegionPatterns;

BOOST_AUTO_TEST_CASE(the_first_matching_region_in_name_order_labels_a_read) {
  const auto patterns = RegionPatterns::from_json(
      {{"us", "^[A-Z0-9]{2,10}$"}, {"us-ca", nlohmann::json::array({"^[0-9][A-Z]{3}[0-9]{3}$", "^[A-Z]{3}[0-9]{3}$"})}});
  BOOST_TEST(*patterns.region_of("7ABC123") == "us");  // "us" sorts before "us-ca"
  BOOST_TEST(!patterns.region_of("A"));                 // too short for any region
  BOOST_TEST(!patterns.region_of("ABCDEFGHIJK"));       // too long
  const auto california_only = RegionPatterns::from_json({{"us-ca", {"^[0-9][A-Z]{3}[0-9]{3}$", "^[A-Z]{3}[0-9]{3}$"}}});
  BOOST_TEST(*california_only.region_of("ABC123") == "us-ca");
  BOOST_TEST(!california_only.region_of("AB1234"));
}

BOOST_AUTO_TEST_CASE(bad_patterns_are_refused_with_the_region_named) {
  BOOST_CHECK_THROW(RegionPatterns::from_json(nlohmann::json::object()), std::invalid_argument);
  BOOST_CHECK_EXCEPTION(RegionPatterns::from_json({{"eu", "([A-Z"}}), std::invalid_argument, [](const auto& e) {
    return std::string(e.what()).find("patterns.eu: '([A-Z' is not a valid regular expression") != std::string::npos;
  });
  BOOST_CHECK_THROW(RegionPatterns::from_json({{"us", 5}}), std::invalid_argument);
}
