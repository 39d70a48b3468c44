// Who may speak on the bus (issue 16): plain tcp only on loopback and only when asked for; CURVE
// keys from an allow-list on tcp, with per-key topic grants; ipc sockets in private folders; the
// audit trail's topics never leave the host; what is refused is counted. Real host, real sockets.
#define BOOST_TEST_MODULE bus_security
#define BOOST_TEST_DYN_LINK
#include <boost/test/unit_test.hpp>

#include <sys/stat.h>

#include <zmq.hpp>

#include "bus/curve_keys.hpp"
#include "config/deployment.hpp"
#include "bus/wire.hpp"
#include "runtime/host.hpp"
#include "test_support.hpp"

using namespace platebus;
using namespace platebus::host;
using namespace platebus::test;
using namespace std::chrono_literals;

namespace {

bool has_text(const Diagnostics& diagnostics, const std::string& text) {
  return diagnostics.to_string().find(text) != std::string::npos;
}

Diagnostics check_text(const std::string& yaml, const fs::path& file = "d.yaml") {
  Diagnostics diagnostics;
  parse_deployment_text(yaml + "instances: []\n", file, diagnostics);
  return diagnostics;
}

int free_port_pair() {
  // Two consecutive free ports: bind a socket to any port, take it and the next.
  zmq::context_t context;
  for (int attempt = 0; attempt < 20; ++attempt) {
    zmq::socket_t probe(context, zmq::socket_type::pub);
    probe.bind("tcp://127.0.0.1:*");
    const auto endpoint = probe.get(zmq::sockopt::last_endpoint);
    const int port = std::stoi(endpoint.substr(endpoint.rfind(':') + 1));
    probe.close();
    zmq::socket_t next(context, zmq::socket_type::pub);
    try {
      next.bind("tcp://127.0.0.1:" + std::to_string(port + 1));
      return port;
    } catch (const zmq::error_t&) {
    }
  }
  throw std::runtime_error("no two consecutive free ports");
}

// A host on a CURVE tcp bus with two peers, "reader" and "writer", and a counter publishing on
// "counts" and on the protected "audit.counts"; a recorder takes what arrives on "reads".
struct CurveBus {
  TempDir dir;
  int port = free_port_pair();
  CurveKeyPair server = generate_key_files(dir / "server");
  CurveKeyPair reader = generate_key_files(dir / "reader");
  CurveKeyPair writer = generate_key_files(dir / "writer");
  CurveKeyPair stranger = generate_key_files(dir / "stranger");
  zmq::context_t context;
  Host host;

  CurveBus() {
    const auto yaml =
        "plugin_path: " + test_plugin_dir("good").string() + "\nbus:\n  listen: tcp://127.0.0.1:" +
        std::to_string(port) + "\n  server_key: server.key\n  peers:\n" +
        "    - {name: reader, public_key: reader.pub, subscribe: [counts, audit]}\n" +
        "    - {name: writer, public_key: '" + writer.public_key + "', publish: [reads]}\n" +
        "instances:\n"
        "  - id: counter\n    use: test.counter\n    config: {interval: 20ms}\n    publish: {out: counts}\n"
        "  - id: auditor\n    use: test.counter\n    config: {interval: 20ms}\n    publish: {out: audit.counts}\n"
        "  - id: recorder\n    use: test.recorder\n    config: {file: " + (dir / "received.txt").string() +
        "}\n    subscribe: {in: reads}\n";
    Diagnostics diagnostics;
    BOOST_REQUIRE_MESSAGE(host.start(write_file(dir / "d.yaml", yaml), diagnostics), diagnostics.to_string());
  }
  ~CurveBus() { host.stop(); }

  void secure(zmq::socket_t& socket, const CurveKeyPair& own) {
    socket.set(zmq::sockopt::curve_serverkey, server.public_key);
    socket.set(zmq::sockopt::curve_publickey, own.public_key);
    socket.set(zmq::sockopt::curve_secretkey, own.secret_key);
    socket.set(zmq::sockopt::linger, 0);
  }
  zmq::socket_t subscriber(const CurveKeyPair& own, const std::string& prefix) {
    zmq::socket_t socket(context, zmq::socket_type::sub);
    secure(socket, own);
    socket.set(zmq::sockopt::subscribe, prefix);
    socket.connect("tcp://127.0.0.1:" + std::to_string(port));
    return socket;
  }
  zmq::socket_t publisher(const CurveKeyPair& own) {
    zmq::socket_t socket(context, zmq::socket_type::pub);
    secure(socket, own);
    socket.connect("tcp://127.0.0.1:" + std::to_string(port + 1));
    return socket;
  }
  std::vector<std::string> received() const {
    return fs::exists(dir / "received.txt") ? read_lines(dir / "received.txt") : std::vector<std::string>{};
  }
};

// The topics of what arrives on `socket` within `wait`.
std::vector<std::string> topics_within(zmq::socket_t& socket, std::chrono::milliseconds wait) {
  std::vector<std::string> topics;
  const auto until = std::chrono::steady_clock::now() + wait;
  while (std::chrono::steady_clock::now() < until) {
    zmq::pollitem_t item{socket.handle(), 0, ZMQ_POLLIN, 0};
    zmq::poll(&item, 1, 50ms);
    while (auto message = receive_message(socket)) topics.push_back(message->topic);
  }
  return topics;
}

void publish_for(zmq::socket_t& socket, const std::string& topic, const nlohmann::json& header,
                 std::chrono::milliseconds duration) {
  Message message;
  message.header = header;
  const auto until = std::chrono::steady_clock::now() + duration;
  while (std::chrono::steady_clock::now() < until) {  // a PUB drops until the handshake is done
    send_message(socket, topic, message);
    std::this_thread::sleep_for(50ms);
  }
}

}  // namespace

BOOST_AUTO_TEST_CASE(plain_tcp_needs_keys_or_an_explicit_insecure_loopback) {
  auto plain = check_text("bus: {listen: tcp://127.0.0.1:7400}\n");
  BOOST_TEST(plain.has_errors());
  BOOST_TEST(has_text(plain, "needs CURVE: set server_key"), plain.to_string());

  auto public_insecure = check_text("bus: {listen: tcp://0.0.0.0:7400, insecure: true}\n");
  BOOST_TEST(has_text(public_insecure, "loopback only"), public_insecure.to_string());
  auto named_insecure = check_text("bus: {listen: tcp://127.attacker.example:7400, insecure: true}\n");
  BOOST_TEST(named_insecure.has_errors(), named_insecure.to_string());

  auto loopback = check_text("bus: {listen: tcp://127.0.0.1:7400, insecure: true}\n");
  BOOST_TEST(!loopback.has_errors(), loopback.to_string());
  BOOST_TEST(has_text(loopback, "any local user may read and publish"), loopback.to_string());
}

BOOST_AUTO_TEST_CASE(key_files_are_private_and_never_overwritten) {
  TempDir dir;
  const auto pair = generate_key_files(dir / "bus");
  struct stat status {};
  BOOST_REQUIRE(::stat((dir / "bus.key").c_str(), &status) == 0);
  BOOST_TEST((status.st_mode & 0777) == 0600u);
  BOOST_TEST(read_public_key((dir / "bus.pub").string()) == pair.public_key);
  BOOST_TEST(read_key_pair_file(dir / "bus.key").secret_key == pair.secret_key);
  BOOST_CHECK_THROW(generate_key_files(dir / "bus"), std::runtime_error);

  ::chmod((dir / "bus.key").c_str(), 0644);
  const auto shared = check_text("bus: {listen: tcp://127.0.0.1:7400, server_key: bus.key}\n", dir / "d.yaml");
  BOOST_TEST(has_text(shared, "chmod 600"), shared.to_string());
  const auto bad_peer = check_text("bus: {listen: tcp://127.0.0.1:7400, server_key: bus.key, peers: [{name: x, "
                                   "public_key: not-a-key}]}\n",
                                   dir / "d.yaml");
  BOOST_TEST(has_text(bad_peer, "bus peer 'x'"), bad_peer.to_string());
}

BOOST_AUTO_TEST_CASE(an_unknown_key_gets_nothing_and_is_counted) {
  CurveBus bus;
  auto stranger = bus.subscriber(bus.stranger, "counts");
  BOOST_TEST(topics_within(stranger, 1500ms).empty());
  BOOST_TEST(bus.host.bus_refusals().connections.load() >= 1u);

  auto intruder = bus.publisher(bus.stranger);
  publish_for(intruder, "reads", {{"type", "PlateRead"}, {"n", 1}}, 1s);
  BOOST_TEST(bus.received().empty());
}

BOOST_AUTO_TEST_CASE(a_peer_subscribes_only_within_its_grants_and_never_to_the_audit_trail) {
  CurveBus bus;
  auto counts = bus.subscriber(bus.reader, "counts");
  const auto got = topics_within(counts, 1500ms);
  BOOST_TEST(!got.empty());
  for (const auto& topic : got) BOOST_TEST(topic == "counts");

  // "audit" is granted to reader, yet the audit trail's topics never leave the host.
  auto audit = bus.subscriber(bus.reader, "audit");
  BOOST_TEST(topics_within(audit, 1s).empty());
  // Everything ("") is not within reader's grants: refused, counted.
  auto everything = bus.subscriber(bus.reader, "");
  BOOST_TEST(topics_within(everything, 1s).empty());
  BOOST_TEST(bus.host.bus_refusals().subscriptions.load() >= 1u);
  // The writer may subscribe to nothing at all.
  auto writer = bus.subscriber(bus.writer, "counts");
  BOOST_TEST(topics_within(writer, 1s).empty());
}

BOOST_AUTO_TEST_CASE(a_peer_publishes_only_where_granted_and_is_named_on_what_it_sends) {
  CurveBus bus;
  auto writer = bus.publisher(bus.writer);
  publish_for(writer, "reads", {{"type", "PlateRead"}, {"n", 7}, {"peer", "forged"}}, 1s);
  BOOST_REQUIRE(wait_until([&] { return !bus.received().empty(); }, 3s));
  BOOST_TEST(bus.received().front().find("reads") == 0u, bus.received().front());

  // Into the audit trail, or anywhere not granted: refused and counted, never delivered.
  publish_for(writer, "audit", {{"type", "AuditEvent"}, {"n", 8}}, 500ms);
  publish_for(writer, "counts", {{"type", "Count"}, {"n", 9}}, 500ms);
  BOOST_TEST(bus.host.bus_refusals().messages.load() >= 2u);
  auto reader_publisher = bus.publisher(bus.reader);
  const auto before = bus.received().size();
  publish_for(reader_publisher, "reads", {{"type", "PlateRead"}, {"n", 10}}, 500ms);
  BOOST_TEST(bus.received().size() == before);
}

BOOST_AUTO_TEST_CASE(an_ipc_socket_in_a_folder_others_may_open_is_refused) {
  TempDir dir;
  fs::create_directories(dir / "open");
  ::chmod((dir / "open").c_str(), 0755);
  const auto yaml = [&](const std::string& folder) {
    return "plugin_path: " + test_plugin_dir("good").string() + "\nbus: {listen: ipc://" + (dir / folder).string() +
           "/bus.sock}\ninstances:\n  - id: counter\n    use: test.counter\n    publish: {out: counts}\n    config: "
           "{interval: 100ms}\n";
  };
  {
    Host host;
    Diagnostics diagnostics;
    try {
      host.start(write_file(dir / "open.yaml", yaml("open")), diagnostics);
      BOOST_FAIL("a bus socket in a 0755 folder was accepted");
    } catch (const std::runtime_error& e) {
      BOOST_TEST(std::string(e.what()).find("chmod 700") != std::string::npos, e.what());
    }
  }
  Host host;
  Diagnostics diagnostics;
  BOOST_REQUIRE_MESSAGE(host.start(write_file(dir / "private.yaml", yaml("private/bus")), diagnostics),
                        diagnostics.to_string());
  struct stat status {};
  BOOST_REQUIRE(::stat((dir / "private/bus").c_str(), &status) == 0);
  BOOST_TEST((status.st_mode & 0777) == 0700u);
  host.stop();
}
