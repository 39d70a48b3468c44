// HTTPS with a certificate made here by openssl, verified by the client; and the rule that plain
// HTTP is served only on loopback unless allow_plain_http says otherwise.
#define BOOST_TEST_MODULE api_tls
#define BOOST_TEST_DYN_LINK
#include <boost/test/unit_test.hpp>

#include <fmt/format.h>
#include <httplib.h>

#include "api_deployment.hpp"

using namespace platebus::test;
using namespace std::chrono_literals;

namespace {

struct Certificate {
  fs::path certificate, key;
};

Certificate self_signed(const TempDir& dir, const std::string& name = "server") {
  Certificate made{dir / (name + ".crt"), dir / (name + ".key")};
  const auto result = run_process({"/usr/bin/openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
                                   "-subj", "/CN=localhost", "-addext", "subjectAltName=IP:127.0.0.1,DNS:localhost",
                                   "-keyout", made.key.string(), "-out", made.certificate.string()});
  BOOST_REQUIRE_MESSAGE(result.exit_status == 0, "openssl: " + result.err);
  return made;
}

// A deployment serving HTTPS with `made`, whose client trusts it.
DeploymentOptions https_options(const Certificate& made) {
  DeploymentOptions options;
  options.api_config = fmt::format("certificate: {}, private_key: {}, ", made.certificate.string(), made.key.string());
  options.ca_file = made.certificate.string();
  return options;
}

// Runs a deployment with only the api instance for a moment; returns the host's standard error.
std::string run_api_alone(const TempDir& dir, const std::string& api_config) {
  const auto file = write_file(dir / "alone.yaml",
                               fmt::format("instances:\n  - id: api\n    use: api\n    config: {{address_file: {}, {}}}\n",
                                           (dir / "alone-address").string(), api_config));
  const auto result = run_process({platebus_binary().string(), "run", file.string(), "--for", "1s"}, 30s);
  return result.err;
}

}  // namespace

BOOST_AUTO_TEST_CASE(https_with_a_verified_certificate) {
  TempDir certificates;
  const auto made = self_signed(certificates);
  ApiDeployment api(https_options(made));
  BOOST_TEST(api.url().rfind("https://127.0.0.1:", 0) == 0, api.url());
  const auto token = api.login(kManager);
  BOOST_TEST(api.send("GET", "/api/v1/session", "", token).body["user"] == kManager);

  // A client that does not trust the certificate does not get through.
  httplib::Client untrusting(api.url());
  const auto refused = untrusting.Get("/api/v1/health");
  BOOST_TEST(!refused);
  BOOST_TEST((refused.error() == httplib::Error::SSLServerVerification), httplib::to_string(refused.error()));
  // Nor does one trusting another certificate.
  const auto other = self_signed(certificates, "other");
  httplib::Client wrong(api.url());
  wrong.set_ca_cert_path(other.certificate.c_str());
  BOOST_TEST(!wrong.Get("/api/v1/health"));
  // Plain HTTP to the HTTPS port gets no answer.
  const auto port = api.url().substr(api.url().rfind(':') + 1);
  httplib::Client plain("http://127.0.0.1:" + port);
  plain.set_read_timeout(2s);
  const auto plain_answer = plain.Get("/api/v1/health");
  BOOST_TEST((!plain_answer || plain_answer->status != 200));
}

BOOST_AUTO_TEST_CASE(plain_http_off_loopback_needs_allow_plain_http) {
  TempDir dir;
  const auto refused = run_api_alone(dir, "listen: \"0.0.0.0:0\"");
  BOOST_TEST(refused.find("allow_plain_http") != std::string::npos, refused);
  BOOST_TEST(refused.find("certificate") != std::string::npos, refused);
  BOOST_TEST(read_file(dir / "alone-address").empty());

  const auto allowed = run_api_alone(dir, "listen: \"0.0.0.0:0\", allow_plain_http: true");
  BOOST_TEST(read_file(dir / "alone-address").rfind("http://0.0.0.0:", 0) == 0, allowed);

  TempDir certificates;
  const auto made = self_signed(certificates);
  const auto tls = run_api_alone(dir, fmt::format("listen: \"0.0.0.0:0\", certificate: {}, private_key: {}",
                                                  made.certificate.string(), made.key.string()));
  BOOST_TEST(read_file(dir / "alone-address").rfind("https://0.0.0.0:", 0) == 0, tls);
}

BOOST_AUTO_TEST_CASE(an_unusable_certificate_is_a_config_error) {
  TempDir dir;
  const auto garbage = write_file(dir / "garbage.pem", "not a certificate\n");
  const auto err = run_api_alone(dir, fmt::format("certificate: {0}, private_key: {0}", garbage.string()));
  BOOST_TEST(err.find("cannot use certificate") != std::string::npos, err);
  BOOST_TEST(read_file(dir / "alone-address").empty());
}

namespace {

// Whether openssl's client completes a handshake with `options` (e.g. "-tls1_2 -cipher AES128-SHA").
bool handshake_succeeds(const std::string& url, const std::string& options) {
  const auto port = url.substr(url.rfind(':') + 1);
  const auto command =
      fmt::format("/usr/bin/openssl s_client -connect 127.0.0.1:{} {} </dev/null >/dev/null 2>&1", port, options);
  return run_process({"/bin/sh", "-c", command}, 30s).exit_status == 0;
}

}  // namespace

BOOST_AUTO_TEST_CASE(only_forward_secret_aead_suites_are_offered) {
  TempDir certificates;
  const auto made = self_signed(certificates);
  ApiDeployment api(https_options(made));
  BOOST_TEST(handshake_succeeds(api.url(), "-tls1_3"));
  BOOST_TEST(handshake_succeeds(api.url(), "-tls1_2 -cipher ECDHE-RSA-AES128-GCM-SHA256"));
  BOOST_TEST(handshake_succeeds(api.url(), "-tls1_2 -cipher ECDHE-RSA-CHACHA20-POLY1305"));
  // RSA key exchange, CBC and SHA-1 are refused.
  for (const auto* weak : {"AES128-GCM-SHA256", "AES128-SHA", "ECDHE-RSA-AES128-SHA", "ECDHE-RSA-AES256-SHA384"})
    BOOST_TEST(!handshake_succeeds(api.url(), fmt::format("-tls1_2 -cipher {}", weak)), weak);
  BOOST_TEST(!handshake_succeeds(api.url(), "-tls1_1"));
}

BOOST_AUTO_TEST_CASE(a_private_key_others_may_read_is_a_config_error) {
  TempDir dir;
  const auto made = self_signed(dir);
  fs::permissions(made.key, fs::perms::owner_read | fs::perms::owner_write | fs::perms::group_read |
                                fs::perms::others_read);
  const auto err = run_api_alone(dir, fmt::format("certificate: {}, private_key: {}", made.certificate.string(),
                                                  made.key.string()));
  BOOST_TEST(err.find("chmod 600") != std::string::npos, err);
  BOOST_TEST(read_file(dir / "alone-address").empty());
}
