// The accounts rules on their own (no host): permissions, passwords, lifecycle, the service's requests.
#define BOOST_TEST_MODULE accounts_rules
#define BOOST_TEST_DYN_LINK
#include <boost/test/unit_test.hpp>
