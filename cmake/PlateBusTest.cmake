# platebus_add_test(NAME SOURCES file.cpp... | COMMAND program arg...
#     [STANDALONE] [LIBRARIES lib...] [DEPENDS target...] [INCLUDES dir...] [DEFINITIONS NAME=value...]
#     [ARGS arg...] [TIMEOUT seconds] [RUN_SERIAL] [RESOURCE_LOCK name...] [LABELS label...]
#     [ENVIRONMENT VAR=value...] [SKIP_RETURN_CODE code] [SKIP_REGEX text])
# The one way a test is declared (tests/README.md). SOURCES builds a Boost.Test program called NAME:
# it links the host and tests/support and is built after `platebus` and the common test plugins,
# unless STANDALONE (a library tested on its own: only LIBRARIES and Boost.Test). COMMAND runs a
# script or a Python test instead. A test that prints "SKIPPED:" (test::report_skip) is reported as
# skipped, never as passed; TIMEOUT defaults to 300 s.
set(PLATEBUS_SKIP_MARKER "SKIPPED:")
set(PLATEBUS_TEST_PLUGINS test_counter test_recorder test_thrower sink_log)

function(platebus_add_test name)
  cmake_parse_arguments(ARG "STANDALONE;RUN_SERIAL" "TIMEOUT;SKIP_RETURN_CODE;SKIP_REGEX"
    "SOURCES;COMMAND;ARGS;LIBRARIES;DEPENDS;INCLUDES;DEFINITIONS;LABELS;RESOURCE_LOCK;ENVIRONMENT" ${ARGN})
  if(ARG_UNPARSED_ARGUMENTS)
    message(FATAL_ERROR "platebus_add_test(${name}): unknown arguments ${ARG_UNPARSED_ARGUMENTS}")
  endif()
  if(ARG_SOURCES AND ARG_COMMAND OR NOT ARG_SOURCES AND NOT ARG_COMMAND)
    message(FATAL_ERROR "platebus_add_test(${name}): give SOURCES (a Boost.Test program) or COMMAND, not both")
  endif()
  if(ARG_SOURCES)
    add_executable(${name} ${ARG_SOURCES})
    if(NOT ARG_STANDALONE)
      target_link_libraries(${name} PRIVATE platebus_host platebus_test_support)
      add_dependencies(${name} platebus ${PLATEBUS_TEST_PLUGINS})
    endif()
    target_link_libraries(${name} PRIVATE Boost::unit_test_framework ${ARG_LIBRARIES})
    target_include_directories(${name} PRIVATE ${ARG_INCLUDES})
    target_compile_definitions(${name} PRIVATE ${ARG_DEFINITIONS})
    add_test(NAME ${name} COMMAND ${name} ${ARG_ARGS})
  else()
    add_test(NAME ${name} COMMAND ${ARG_COMMAND} ${ARG_ARGS})
  endif()
  if(ARG_DEPENDS)
    if(NOT ARG_SOURCES)
      message(FATAL_ERROR "platebus_add_test(${name}): DEPENDS needs a program (SOURCES); build it elsewhere")
    endif()
    add_dependencies(${name} ${ARG_DEPENDS})
  endif()

  if(NOT ARG_TIMEOUT)
    set(ARG_TIMEOUT 300)
  endif()
  if(NOT DEFINED ARG_SKIP_REGEX)
    set(ARG_SKIP_REGEX "${PLATEBUS_SKIP_MARKER}")
  endif()
  set_tests_properties(${name} PROPERTIES TIMEOUT ${ARG_TIMEOUT} SKIP_REGULAR_EXPRESSION "${ARG_SKIP_REGEX}")
  if(ARG_RUN_SERIAL)
    set_tests_properties(${name} PROPERTIES RUN_SERIAL TRUE)
  endif()
  foreach(property RESOURCE_LOCK LABELS ENVIRONMENT SKIP_RETURN_CODE)
    if(DEFINED ARG_${property})
      set_tests_properties(${name} PROPERTIES ${property} "${ARG_${property}}")
    endif()
  endforeach()
endfunction()
