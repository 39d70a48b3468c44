// `platebus check` as a user runs it on an api instance: the plugin's own rules (its validate())
// are reported as FILE:LINE:COL at the key, with exit 2, before anything is served.
#define BOOST_TEST_MODULE api_check
#define BOOST_TEST_DYN_LINK
#include <boost/test/unit_test.hpp>

#include "test_support.hpp"

using namespace platebus::test;

namespace {

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

// One api instance with `config` (a YAML block mapping, indented under `config:`).
fs::path api_deployment(const TempDir& dir, const std::string& config) {
  return write_file(dir / "api.yaml", "plugin_path: [" PLATEBUS_API_PLUGIN_DIR "]\n"
                                      "instances:\n"
                                      "  - id: api\n"
                                      "    use: api\n"
                                      "    config:\n" + config);
}

ProcessResult check(const fs::path& file) { return run_process({platebus_binary().string(), "check", file.string()}); }

}  // namespace

BOOST_AUTO_TEST_CASE(plain_http_on_a_public_address_is_an_error_at_the_listen_key) {
  TempDir dir;
  const auto file = api_deployment(dir, "      max_body_bytes: 4096\n"
                                        "      listen: \"0.0.0.0:8080\"\n");
  const auto result = check(file);
  BOOST_TEST(result.exit_status == 2, result.out << result.err);
  BOOST_TEST(contains(result.err, file.string() + ":7:7: error: config key 'listen' of plugin 'api': listen "
                                                  "'0.0.0.0:8080' is not a loopback address"),
             result.err);
  BOOST_TEST(contains(result.err, "set allow_plain_http: true"), result.err);
}

BOOST_AUTO_TEST_CASE(plain_http_passes_on_loopback_or_when_allowed) {
  TempDir dir;
  const auto loopback = check(api_deployment(dir, "      listen: \"127.0.0.1:8080\"\n"));
  BOOST_TEST(loopback.exit_status == 0, loopback.err);
  const auto allowed = check(api_deployment(dir, "      listen: \"0.0.0.0:8080\"\n      allow_plain_http: true\n"));
  BOOST_TEST(allowed.exit_status == 0, allowed.err);
}

BOOST_AUTO_TEST_CASE(a_rule_about_no_single_key_is_reported_at_the_config) {
  TempDir dir;
  const auto file = api_deployment(dir, "      certificate: cert.pem\n");
  const auto result = check(file);
  BOOST_TEST(result.exit_status == 2);
  BOOST_TEST(contains(result.err, file.string() + ":6:7: error: plugin 'api': set both certificate and private_key"),
             result.err);
}

// Ranges are the keys' declared constraints (issue 18): refused at the value, before the plugin runs.
BOOST_AUTO_TEST_CASE(values_outside_their_declared_ranges_are_errors_at_the_value) {
  TempDir dir;
  const auto file = api_deployment(dir, "      max_body_bytes: 10\n"
                                        "      max_upload_bytes: 2147483648\n"
                                        "      worker_threads: 1\n"
                                        "      header_timeout: 0s\n");
  const auto result = check(file);
  BOOST_TEST(result.exit_status == 2, result.out << result.err);
  for (const auto* expected : {":6:23: error: config key 'max_body_bytes' of plugin 'api' is 10; give 1024 to 67108864",
                               ":7:25: error: config key 'max_upload_bytes' of plugin 'api' is 2147483648; give 1024 to",
                               ":8:23: error: config key 'worker_threads' of plugin 'api' is 1; give 2 to 1024",
                               ":9:23: error: config key 'header_timeout' of plugin 'api' is 0ms; give more than 0ms"})
    BOOST_TEST(contains(result.err, file.string() + expected), result.err);
}
