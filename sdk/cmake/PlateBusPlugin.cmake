# platebus_add_plugin(TARGET SOURCES file.cpp... [LIBRARIES lib...])
# Builds a PlateBus plugin: a MODULE library that exports only its descriptor (every other symbol is local)
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
  # Hidden visibility misses what headers declare visible (std:: templates, Boost.System's
  # categories, inline classes marked for export): the linker keeps only the descriptor.
  set(exports ${CMAKE_BINARY_DIR}/platebus_plugin_exports.map)
  file(CONFIGURE OUTPUT ${exports} CONTENT "{ global: platebus_plugin_descriptor; local: *; };\n")
  target_link_options(${target} PRIVATE "LINKER:--version-script=${exports}")
  set_property(TARGET ${target} APPEND PROPERTY LINK_DEPENDS ${exports})
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
