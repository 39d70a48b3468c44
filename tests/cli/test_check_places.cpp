// `platebus check` on files that are not deployments at all (empty, blank, binary, cut short, CR-only
// line endings) and on hostile values: every error names FILE:LINE:COL, says what is wrong in
// words that fit the file, and prints no raw control bytes or invalid UTF-8.
#define BOOST_TEST_MODULE check_places
#define BOOST_TEST_DYN_LINK
#include <boost/test/unit_test.hpp>

#include <regex>

#include "platebus/printable_text.hpp"
#include "test_support.hpp"

using namespace platebus::test;
using namespace std::string_literals;

namespace {

// Checks `text` as a deployment; returns the first error line, with the file's path written as FILE.
// That line must be safe to show on a terminal.
std::string first_error(const std::string& text) {
  TempDir dir;
  const auto file = write_file(dir / "deployment.yaml", text).string();
  const auto result = run_process({platebus_binary().string(), "check", file});
  BOOST_TEST(result.exit_status == 2, result.err);
  auto line = result.err.substr(0, result.err.find('\n'));
  auto without_backslashes = line;  // printable_text doubles them; all else it leaves alone only when safe
  std::erase(without_backslashes, '\\');
  BOOST_TEST(without_backslashes == platebus::printable_text(without_backslashes),
             "raw control bytes or invalid UTF-8 in: " + line);
  if (line.rfind(file, 0) == 0) line.replace(0, file.size(), "FILE");
  return line;
}

bool starts_with(const std::string& text, const std::string& start) { return text.rfind(start, 0) == 0; }
bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

std::string plugins_line() { return "plugin_path: " + test_plugin_dir("good").string() + "\n"; }

}  // namespace

BOOST_AUTO_TEST_CASE(an_empty_file_is_called_empty_at_1_1) {
  const auto line = first_error("");
  BOOST_TEST(starts_with(line, "FILE:1:1: error: this file is empty;"), line);
}

BOOST_AUTO_TEST_CASE(blank_comment_bom_and_marker_only_files_hold_no_yaml_value) {
  for (const std::string text : {"   \n\n", "# only a comment\n", "\xef\xbb\xbf", "\xef\xbb\xbf# c\n", "---\n",
                                 "---\n...\n", "~\n"}) {
    const auto line = first_error(text);
    BOOST_TEST(std::regex_search(line, std::regex("^FILE:[12]:1: error: this file holds no YAML value")), line);
  }
}

BOOST_AUTO_TEST_CASE(cr_only_line_endings_are_named_where_the_first_one_is) {
  const auto line = first_error("# demo\rinstances:\r  - id: a\r    use: b\r");
  BOOST_TEST(starts_with(line, "FILE:1:7: error: this line ends with CR alone"), line);
  BOOST_TEST(contains(line, "save the file with LF"), line);
}

BOOST_AUTO_TEST_CASE(crlf_line_endings_still_read) {
  const auto line = first_error("instances:\r\n  - id: a\r\n    use: no.such\r\n");
  BOOST_TEST(starts_with(line, "FILE:3:10: error: no plugin named 'no.such'"), line);
}

BOOST_AUTO_TEST_CASE(binary_bytes_and_invalid_utf8_are_refused_where_they_are) {
  auto line = first_error("\0\0\0"s);
  BOOST_TEST(starts_with(line, "FILE:1:1: error: byte 0x00 is not text"), line);
  line = first_error("instances:\n  - id: caf\xe9\n");
  BOOST_TEST(starts_with(line, "FILE:2:12: error: byte 0xe9 is not UTF-8"), line);
}

BOOST_AUTO_TEST_CASE(a_file_cut_short_is_named_at_its_place) {
  auto line = first_error("instan");
  BOOST_TEST(starts_with(line, "FILE:1:1: error: a deployment is a map"), line);
  BOOST_TEST(contains(line, "holds the text 'instan'"), line);
  line = first_error("instances:\n  - id: a\n    use: \"unterminated");
  BOOST_TEST(starts_with(line, "FILE:3:23: error: YAML syntax"), line);
  line = first_error("instances:\n  - id: a\n    use: [x, ");
  BOOST_TEST(starts_with(line, "FILE:3:1: error: YAML syntax"), line);
}

BOOST_AUTO_TEST_CASE(a_missing_required_key_points_at_the_instance) {
  auto line = first_error(plugins_line() + "instances:\n  - id: r\n    use: test.recorder\n");
  BOOST_TEST(starts_with(line, "FILE:3:5: error: instance 'r' must set config key 'file'"), line);
  line = first_error(plugins_line() + "instances:\n  - {id: r, use: test.recorder}\n");
  BOOST_TEST(starts_with(line, "FILE:3:5: error: instance 'r' must set config key 'file'"), line);
  // `config:` with nothing after it: the key, not the end of the file.
  line = first_error(plugins_line() + "instances:\n  - id: r\n    use: test.recorder\n    config:\n");
  BOOST_TEST(starts_with(line, "FILE:5:5: error: instance 'r' must set config key 'file'"), line);
}

BOOST_AUTO_TEST_CASE(hostile_values_are_printed_as_escapes) {
  const auto line = first_error("log:\n  level: \"\\e[2Jevil\\a\\x9b\"\ninstances: []\n");
  BOOST_TEST(starts_with(line, "FILE:2:10: error: log.level '\\x1b[2Jevil\\x07\\u009b' is not one of"), line);
}
