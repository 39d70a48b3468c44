# platebus_add_plugin(TARGET SOURCES file.cpp... [LIBRARIES lib...])
# Builds a PlateBus plugin: a MODULE library with hidden symbols (only the descriptor is exported)
# and no "lib" prefix, installed where the host looks for plugins.
function(platebus_add_plugin target)
  cmake_parse_arguments(ARG "" "" "SOURCES;LIBRARIES" ${ARGN})
  if(NOT ARG_SOURCES)
    message(FATAL_ERROR "platebus_add_plugin(${target}): list the plugin's files after SOURCES")
  endif()
  add_library(${target} MODULE ${ARG_SOURCES})
  target_link_libraries(${target} PRIVATE PlateBus::sdk ${ARG_LIBRARIES})
  set_target_properties(${target} PROPERTIES
    PREFIX ""
    CXX_VISIBILITY_PRESET hidden
    VISIBILITY_INLINES_HIDDEN ON)
  # Unique-symbol statics would keep the library resident after an unload (see docs/plugin-guide.md).
  target_compile_options(${target} PRIVATE -fno-gnu-unique)
  if(DEFINED PLATEBUS_PLUGIN_OUTPUT_DIR)
    set_target_properties(${target} PROPERTIES LIBRARY_OUTPUT_DIRECTORY ${PLATEBUS_PLUGIN_OUTPUT_DIR})
  endif()
  if(DEFINED PLATEBUS_PLUGIN_INSTALL_DIR)
    install(TARGETS ${target} LIBRARY DESTINATION ${PLATEBUS_PLUGIN_INSTALL_DIR})
  endif()
endfunction()

# platebus_add_plugin_library(TARGET SOURCES file.cpp...)
# A static library that plugins link (code shared by several plugins, or a plugin's stages kept
# apart for testing): position-independent, and hidden like the plugin it ends up in.
function(platebus_add_plugin_library target)
  cmake_parse_arguments(ARG "" "" "SOURCES" ${ARGN})
  add_library(${target} STATIC ${ARG_SOURCES})
  set_target_properties(${target} PROPERTIES
    POSITION_INDEPENDENT_CODE ON
    CXX_VISIBILITY_PRESET hidden
    VISIBILITY_INLINES_HIDDEN ON)
  target_include_directories(${target} PUBLIC ${CMAKE_CURRENT_SOURCE_DIR})
endfunction()
