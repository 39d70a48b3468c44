#pragma once
// What every disk-full test checks of a store's write on a full disk: it is refused with the
// store's own clear error (or, when LMDB could reuse freed pages, it succeeds), and never crashes.
#include <functional>
#include <string>

#include <boost/test/unit_test.hpp>

namespace platebus::test {

// Runs `write` `attempts` times; returns how many were refused with an `Error` whose text contains
// `expected_text`. Any other exception fails the test; a crash ends the program (the bug this catches).
template <class Error>
int refused_writes(const std::function<void()>& write, int attempts, const std::string& expected_text) {
  int refused = 0;
  for (int i = 0; i < attempts; ++i) {
    try {
      write();
    } catch (const Error& e) {
      BOOST_TEST(std::string(e.what()).find(expected_text) != std::string::npos, e.what());
      ++refused;
    }
  }
  return refused;
}

}  // namespace platebus::test
