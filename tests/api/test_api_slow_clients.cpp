// Slowloris against the real API (issue 16): one client holding more slow connections than the
// API has workers, each trickling its headers a byte at a time, must not delay another client.
#define BOOST_TEST_MODULE api_slow_clients
#define BOOST_TEST_DYN_LINK
#include <boost/test/unit_test.hpp>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <thread>

#include "api_deployment.hpp"

using namespace platebus::test;
using namespace std::chrono_literals;

namespace {

int port_of(const std::string& url) { return std::stoi(url.substr(url.rfind(':') + 1)); }

// A connection from 127.0.0.2 (another client address than the test's own 127.0.0.1) that sends
// a request line and then one header byte at a time; -1 when the server would not take it.
int slow_connection(int port) {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in from{};
  from.sin_family = AF_INET;
  inet_pton(AF_INET, "127.0.0.2", &from.sin_addr);
  sockaddr_in to{};
  to.sin_family = AF_INET;
  to.sin_port = htons(static_cast<uint16_t>(port));
  inet_pton(AF_INET, "127.0.0.1", &to.sin_addr);
  if (::bind(fd, reinterpret_cast<sockaddr*>(&from), sizeof from) != 0 ||
      ::connect(fd, reinterpret_cast<sockaddr*>(&to), sizeof to) != 0) {
    ::close(fd);
    return -1;
  }
  const std::string start = "GET /api/v1/health HTTP/1.1\r\nHost: api\r\nX-Slow: ";
  ::send(fd, start.data(), start.size(), MSG_NOSIGNAL);
  return fd;
}

}  // namespace

BOOST_AUTO_TEST_CASE(slow_clients_cannot_starve_the_others) {
  ApiDeployment api;
  const int port = port_of(api.url());
  // More than the default worker_threads (32) and far more than cpp-httplib's own 8.
  constexpr int kSlow = 40;
  std::vector<int> slow;
  for (int i = 0; i < kSlow; ++i) slow.push_back(slow_connection(port));
  std::atomic<bool> done{false};
  std::thread trickle([&] {
    while (!done) {
      for (const int fd : slow)
        if (fd >= 0) ::send(fd, "a", 1, MSG_NOSIGNAL);
      std::this_thread::sleep_for(200ms);
    }
  });
  std::this_thread::sleep_for(500ms);  // every slow connection has reached the server
  for (int i = 0; i < 5; ++i) {
    const auto start = std::chrono::steady_clock::now();
    const auto answer = api.send("GET", "/api/v1/health");
    const auto took = std::chrono::steady_clock::now() - start;
    BOOST_TEST(answer.status == 200);
    BOOST_TEST(took < 1s, "the health check took " << std::chrono::duration_cast<std::chrono::milliseconds>(took).count()
                                                   << " ms");
  }
  done = true;
  trickle.join();
  for (const int fd : slow)
    if (fd >= 0) ::close(fd);
}

BOOST_AUTO_TEST_CASE(headers_trickled_past_header_timeout_are_cut_off) {
  DeploymentOptions options;
  options.api_config = "header_timeout: 1s, ";
  ApiDeployment api(options);
  const int fd = slow_connection(port_of(api.url()));
  BOOST_REQUIRE(fd >= 0);
  const auto start = std::chrono::steady_clock::now();
  bool closed = false;
  while (!closed && std::chrono::steady_clock::now() - start < 5s) {
    closed = ::send(fd, "a", 1, MSG_NOSIGNAL) < 0;
    char byte;
    closed = closed || ::recv(fd, &byte, 1, MSG_DONTWAIT) == 0;
    std::this_thread::sleep_for(100ms);
  }
  ::close(fd);
  BOOST_TEST(closed, "a connection sending a header byte every 100 ms was still open after 5 s");
  BOOST_TEST(api.send("GET", "/api/v1/health").status == 200);
}
