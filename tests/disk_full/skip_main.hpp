#pragma once
// The main() of a disk-full test program: it needs to mount a tmpfs (root); where it cannot, it
// prints why and exits with kSkipReturnCode, which CTest shows as "Skipped" (SKIP_RETURN_CODE).
// Include once, after defining BOOST_TEST_MODULE, BOOST_TEST_DYN_LINK and BOOST_TEST_NO_MAIN.
#include <boost/test/unit_test.hpp>

#include "small_tmpfs.hpp"

int main(int argc, char* argv[]) {
  platebus::test::skip_unless_tmpfs_mounts();
  return boost::unit_test::unit_test_main(&init_unit_test, argc, argv);
}
