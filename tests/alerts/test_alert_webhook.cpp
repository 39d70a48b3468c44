// alert.webhook through the real host against real HTTP(S) servers run here: the JSON carries every
// field and both images; 5xx is retried with growing waits, 4xx is not; a server that hangs never
// holds up the publisher, and the full queue drops (and logs) the oldest; https is verified.
#define BOOST_TEST_MODULE alert_webhook
#define BOOST_TEST_DYN_LINK
#include <boost/test/unit_test.hpp>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <functional>
#include <mutex>
#include <regex>
#include <thread>

#include <httplib.h>

#include "alert_test_helpers.hpp"
#include "retry_policy.hpp"
#include "webhook_settings.hpp"

using namespace platebus::test;
using namespace platebus::test::alerts;
using namespace std::chrono_literals;

namespace {

struct Received {
  std::chrono::steady_clock::time_point at;
  std::string body;
  httplib::Headers headers;
};

// An HTTP(S) server on a free loopback port that records each POST to /hook and answers with the
// status `answer(n)` gives for the n-th request (1-based).
class RecordingServer {
 public:
  explicit RecordingServer(std::function<int(int)> answer, const fs::path& certificate = {}, const fs::path& key = {})
      : answer_(std::move(answer)) {
    if (certificate.empty()) server_ = std::make_unique<httplib::Server>();
    else server_ = std::make_unique<httplib::SSLServer>(certificate.c_str(), key.c_str());
    server_->Post("/hook", [this](const httplib::Request& request, httplib::Response& response) {
      std::lock_guard lock(mutex_);
      received_.push_back({std::chrono::steady_clock::now(), request.body, request.headers});
      response.status = answer_(static_cast<int>(received_.size()));
      response.set_content(response.status == 400 ? "plate field rejected" : "ok", "text/plain");
    });
    port_ = server_->bind_to_any_port("127.0.0.1");
    thread_ = std::thread([this] { server_->listen_after_bind(); });
    while (!server_->is_running()) std::this_thread::sleep_for(1ms);
  }
  ~RecordingServer() {
    server_->stop();
    thread_.join();
  }
  std::string url(const std::string& scheme = "http") const {
    return scheme + "://127.0.0.1:" + std::to_string(port_) + "/hook";
  }
  std::vector<Received> received() const {
    std::lock_guard lock(mutex_);
    return received_;
  }

 private:
  std::function<int(int)> answer_;
  std::unique_ptr<httplib::Server> server_;
  int port_ = 0;
  std::thread thread_;
  mutable std::mutex mutex_;
  std::vector<Received> received_;
};

// A port that takes connections into its backlog but never answers: a receiver that hangs.
class HangingServer {
 public:
  HangingServer() {
    fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    BOOST_REQUIRE(::bind(fd_, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0);
    BOOST_REQUIRE(::listen(fd_, 1) == 0);
    socklen_t length = sizeof address;
    ::getsockname(fd_, reinterpret_cast<sockaddr*>(&address), &length);
    port_ = ntohs(address.sin_port);
  }
  ~HangingServer() { ::close(fd_); }
  std::string url() const { return "http://127.0.0.1:" + std::to_string(port_) + "/hook"; }

 private:
  int fd_ = -1;
  int port_ = 0;
};

// Decoded with Python's base64 module, an implementation independent of the plugin's.
std::string base64_decode(const std::string& text) {
  TempDir dir;
  write_file(dir / "encoded", text);
  const auto result = run_process({"/usr/bin/python3", "-c",
                                   "import base64,sys; sys.stdout.buffer.write(base64.b64decode(open(sys.argv[1]).read(), validate=True))",
                                   (dir / "encoded").string()});
  BOOST_REQUIRE_MESSAGE(result.exit_status == 0, result.err);
  return result.out;
}

struct Run {
  std::string log;
  std::chrono::milliseconds stop_took{0};
};

// Runs publisher and webhook until `done` holds (or 10 s), then stops the host.
Run run_webhook(const TempDir& dir, const std::string& publisher, const std::string& sink,
                const std::function<bool()>& done) {
  StderrCapture log(dir / "host.log");
  platebus::host::Host host;
  start(host, alert_deployment(dir, publisher, "alert.webhook", sink));
  const bool happened = wait_until(done, 10s);
  const auto stop_started = std::chrono::steady_clock::now();
  host.stop();
  Run run{log.text(), std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - stop_started)};
  BOOST_TEST(happened, run.log);
  return run;
}

std::string header(const Received& request, const std::string& name) {
  const auto found = request.headers.find(name);
  return found == request.headers.end() ? "" : found->second;
}

}  // namespace

BOOST_AUTO_TEST_CASE(every_field_and_both_images_arrive_as_json) {
  TempDir dir;
  RecordingServer server([](int) { return 200; });
  run_webhook(dir, "", "url: " + server.url() + ", headers: {Authorization: Bearer s3cret-token}",
              [&] { return server.received().size() >= 1; });
  const auto requests = server.received();
  BOOST_REQUIRE_EQUAL(requests.size(), 1u);
  const auto& request = requests[0];
  BOOST_TEST(header(request, "Idempotency-Key") == "h-test-0001");
  BOOST_TEST(header(request, "Authorization") == "Bearer s3cret-token");
  BOOST_TEST(header(request, "Content-Type") == "application/json");

  const auto body = nlohmann::json::parse(request.body);
  BOOST_TEST(body["schema"] == "platebus.hit.v1");
  BOOST_TEST(body["hit_id"] == "h-test-0001");
  BOOST_TEST(body["match_kind"] == "exact");
  BOOST_TEST(body["possible_misread"] == false);
  BOOST_TEST(body["matched_text"] == "7ABC123");
  BOOST_TEST(body["notice"] == kNotice);
  BOOST_TEST(body["location"] == "37.774900, -122.419400");
  const auto& plate = body["hot_plate"];
  BOOST_TEST(plate["plate"] == "7ABC123");
  BOOST_TEST(plate["state"] == "CA");
  BOOST_TEST(plate["category"] == "stolen_vehicle");
  BOOST_TEST(plate["reason"] == "Stolen 2026-11-20 from Oakland, report 26-4411");
  BOOST_TEST(plate["list"] == "ca-sva");
  BOOST_TEST(plate["case_number"] == "CASE-2026-0042");
  BOOST_TEST(plate["priority"] == 5);
  BOOST_TEST(plate["vehicle"] == nlohmann::json({{"make", "Toyota"}, {"model", "Camry"}, {"colour", "white"}}));
  BOOST_TEST(plate["expires"] == "2027-01-31");
  BOOST_TEST(plate["added_by"] == "jdoe");
  const auto& read = body["read"];
  BOOST_TEST(read["read_id"] == "r-0001");
  BOOST_TEST(read["camera"] == "front-left");
  BOOST_TEST(read["text"] == "7ABC123");
  BOOST_TEST(read["confidence"] == 0.93);
  BOOST_TEST(read["alternatives"][0]["text"] == "7ABC123");
  BOOST_TEST(read["corners"].size() == 4u);
  BOOST_TEST(read["region"] == "us-ca");
  BOOST_TEST(read["captured_at"] == kCapturedAt);
  BOOST_TEST(read["gps"]["fix"] == true);
  BOOST_TEST(read["gps"]["lat"].get<double>() == 37.7749);

  for (const auto& [role, width, height] : {std::tuple{"plate_crop", 120, 40}, std::tuple{"overview", 160, 90}}) {
    const auto& image = body[role];
    BOOST_TEST(image["format"] == "jpeg");
    BOOST_TEST(image["width"] == width);
    BOOST_TEST(image["height"] == height);
    const auto expected = test_jpeg(width, height);
    BOOST_TEST(base64_decode(image["base64"].get<std::string>()) == std::string(expected.bytes.as_string()), role);
  }
}

BOOST_AUTO_TEST_CASE(a_server_error_is_retried_with_doubling_waits) {
  TempDir dir;
  RecordingServer server([](int n) { return n <= 2 ? 503 : 200; });
  const auto run = run_webhook(dir, "", "url: " + server.url() + ", initial_backoff: 150ms, max_backoff: 2s",
                               [&] { return server.received().size() >= 3; });
  const auto requests = server.received();
  BOOST_REQUIRE_EQUAL(requests.size(), 3u);
  for (const auto& request : requests) BOOST_TEST(header(request, "Idempotency-Key") == "h-test-0001");
  const auto first_wait = requests[1].at - requests[0].at;
  const auto second_wait = requests[2].at - requests[1].at;
  BOOST_TEST((first_wait >= 150ms && first_wait < 600ms), std::chrono::duration<double>(first_wait).count());
  BOOST_TEST((second_wait >= 300ms && second_wait < 900ms), std::chrono::duration<double>(second_wait).count());
  BOOST_TEST(run.log.find("hit h-test-0001: webhook attempt 1 of 8 failed (HTTP 503: ok); next in 150 ms") !=
                 std::string::npos,
             run.log);
  BOOST_TEST(run.log.find("hit h-test-0001 delivered to the webhook (attempt 3, HTTP 200)") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(a_client_error_is_not_retried) {
  TempDir dir;
  RecordingServer server([](int) { return 400; });
  const auto run = run_webhook(dir, "", "url: " + server.url() + ", initial_backoff: 50ms", [&] {
    return server.received().size() >= 1 && read_file(dir / "host.log").find("h-test-0001 dropped") != std::string::npos;
  });
  std::this_thread::sleep_for(400ms);  // several backoffs' worth: no second attempt comes
  BOOST_TEST(server.received().size() == 1u);
  BOOST_TEST(run.log.find("hit h-test-0001 dropped: the webhook answered HTTP 400: plate field rejected; not retried") !=
                 std::string::npos,
             run.log);
}

BOOST_AUTO_TEST_CASE(a_hanging_server_never_holds_up_the_publisher_and_the_full_queue_drops_the_oldest) {
  TempDir dir;
  HangingServer server;
  const auto run = run_webhook(dir, "count: 50",
                               "url: " + server.url() + ", timeout: 5s, queue_size: 10, stop_grace: 200ms",
                               [&] { return !publisher_done(dir).is_null(); });
  BOOST_TEST(publisher_done(dir)["elapsed_ms"].get<double>() < 1000);
  // One alert is with the hanging server, ten wait, the rest were dropped oldest first, each logged.
  const auto dropped = count_of(run.log, "webhook queue full (10 waiting): dropped the oldest alert, hit h-test-");
  BOOST_TEST((dropped == 39u || dropped == 40u), run.log);
  BOOST_TEST(run.log.find("dropped the oldest alert, hit h-test-0040, for hit h-test-0050; " + std::to_string(dropped) +
                          " dropped so far") != std::string::npos);
  // On stop, the grace period passes and what is left is named, newest last.
  std::smatch left;
  BOOST_REQUIRE_MESSAGE(std::regex_search(run.log, left, std::regex("stopping: (\\d+) alert\\(s\\) not delivered to the "
                                                                    "webhook within the 200 ms grace period: hits (.*)")),
                        run.log);
  BOOST_TEST(std::stoul(left[1]) + dropped == 50u);
  BOOST_TEST(left[2].str().find("h-test-0050") != std::string::npos);
  BOOST_TEST(run.stop_took < 2000ms);  // the 5 s timeout of the hanging POST is not waited out
}

BOOST_AUTO_TEST_CASE(https_with_a_trusted_ca_file_and_not_without) {
  TempDir dir;
  const auto certificate = dir / "server.crt", key = dir / "server.key";
  const auto made = run_process({"/usr/bin/openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
                                 "-subj", "/CN=localhost", "-addext", "subjectAltName=IP:127.0.0.1,DNS:localhost",
                                 "-keyout", key.string(), "-out", certificate.string()});
  BOOST_REQUIRE_MESSAGE(made.exit_status == 0, "openssl: " + made.err);
  RecordingServer server([](int) { return 200; }, certificate, key);

  TempDir trusted;
  run_webhook(trusted, "", "url: " + server.url("https") + ", ca_file: " + certificate.string(),
              [&] { return server.received().size() >= 1; });
  BOOST_TEST(nlohmann::json::parse(server.received().at(0).body)["hit_id"] == "h-test-0001");

  TempDir untrusted;
  const auto run = run_webhook(untrusted, "", "url: " + server.url("https") + ", max_attempts: 1", [&] {
    return read_file(untrusted / "host.log").find("h-test-0001 dropped after 1 attempts") != std::string::npos;
  });
  BOOST_TEST(server.received().size() == 1u);  // the untrusting client never got a request through
  BOOST_TEST(run.log.find("the server's certificate is not trusted") != std::string::npos, run.log);
}

BOOST_AUTO_TEST_CASE(plain_http_leaves_the_machine_only_when_allowed) {
  nlohmann::json config = {{"url", "http://alerts.example.org/hook"}, {"allow_plain_http", false}, {"ca_file", nullptr},
                           {"headers", nlohmann::json::object()}, {"timeout", 5000}, {"max_attempts", 8},
                           {"initial_backoff", 500}, {"max_backoff", 30000}, {"queue_size", 1000},
                           {"stop_grace", 2000}};
  try {
    platebus::alerts::WebhookSettings::from_config(config);
    BOOST_ERROR("plain http to another host was accepted");
  } catch (const std::invalid_argument& e) {
    BOOST_TEST(std::string(e.what()).find("plain http to a host that is not loopback") != std::string::npos, e.what());
  }
  config["allow_plain_http"] = true;
  BOOST_TEST(platebus::alerts::WebhookSettings::from_config(config).url.port == 80);
  config["url"] = "http://[::1]:8080/hook";
  config["allow_plain_http"] = false;
  BOOST_TEST(platebus::alerts::WebhookSettings::from_config(config).url.is_loopback());

  // The default schedule: 0.5 s doubling up to 30 s.
  const platebus::alerts::RetrySettings retry;
  std::vector<long long> waits;
  for (int attempt = 1; attempt <= 8; ++attempt) waits.push_back(platebus::alerts::backoff_after(attempt, retry).count());
  BOOST_TEST(waits == (std::vector<long long>{500, 1000, 2000, 4000, 8000, 16000, 30000, 30000}),
             boost::test_tools::per_element());
}
