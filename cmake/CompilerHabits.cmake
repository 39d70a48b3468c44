# Warnings every in-tree target is built with, and the sanitizer builds (docs/testing.md).
# Plugins built out of tree against the installed SDK keep their own flags: nothing here is exported.

# -Wshadow: a local that hides a member or an outer name has caused real bugs in callback code.
add_compile_options(-Wall -Wextra -Wshadow)
# CI (scripts/build.sh) turns every warning into an error, so a new one fails where it is written.
option(PLATEBUS_WERROR "Treat compiler warnings as errors (scripts/build.sh, CI)" OFF)
if(PLATEBUS_WERROR)
  # Except -Wrestrict: GCC 12 at -O3 reports impossible overlaps inside std::string's operator+
  # (GCC bug 105329, fixed in GCC 13); it stays a warning, shown but not fatal.
  add_compile_options(-Werror -Wno-error=restrict)
endif()

# PLATEBUS_SANITIZE=address,undefined or thread: every in-tree object and program instrumented
# (scripts/sanitize.sh builds into build-asan/ or build-tsan/ and runs the tests with the
# suppressions in tests/sanitizers/). Frame pointers and line tables give readable stacks.
set(PLATEBUS_SANITIZE "" CACHE STRING "Sanitizers: address,undefined or thread (empty: none)")
set_property(CACHE PLATEBUS_SANITIZE PROPERTY STRINGS "" "address,undefined" "thread")
if(PLATEBUS_SANITIZE)
  if(NOT PLATEBUS_SANITIZE MATCHES "^(address,undefined|thread)$")
    message(FATAL_ERROR "PLATEBUS_SANITIZE=${PLATEBUS_SANITIZE}: use address,undefined or thread")
  endif()
  add_compile_options(-fsanitize=${PLATEBUS_SANITIZE} -fno-omit-frame-pointer -g1)
  add_link_options(-fsanitize=${PLATEBUS_SANITIZE})
  # GCC warns of maybe-uninitialized values the instrumentation itself introduces.
  add_compile_options(-Wno-maybe-uninitialized)
endif()
