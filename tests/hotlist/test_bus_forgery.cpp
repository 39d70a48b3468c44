// The security review's attack on the bus (issue 16): a message published on a topic a service
// plugin subscribes to, dressed as a service request (request_id, a sergeant's actor), must never
// be executed as one. Real host, real match.hotlist, a real LMDB store, a real ipc peer.
#define BOOST_TEST_MODULE bus_forgery
#define BOOST_TEST_DYN_LINK
#include <boost/test/unit_test.hpp>

#include <thread>

#include <fmt/format.h>
#include <zmq.hpp>

#include "hotlist_store.hpp"
#include "hotlist_test_support.hpp"
#include "bus/wire.hpp"
#include "runtime/host.hpp"
#include "test_support.hpp"

using namespace platebus;
using namespace platebus::host;
using namespace platebus::test;
using namespace std::chrono_literals;

BOOST_AUTO_TEST_CASE(a_read_dressed_as_a_service_request_is_never_executed) {
  TempDir dir;
  const auto database = dir / "db";
  {
    hotlist::HotlistStore store(database);
    store.import(std::vector{hotlist_test::hot_entry("7ABC123", "stolen")});
  }
  const auto socket = (dir / "bus" / "bus.sock").string();
  const auto yaml = fmt::format(
      "plugin_path: [{}]\nbus: {{listen: 'ipc://{}'}}\ninstances:\n"
      "  - id: hotlist\n    use: match.hotlist\n    config: {{database: {}}}\n"
      "    subscribe: {{reads: reads}}\n    publish: {{hits: hits}}\n    serve: {{hotlist: hotlist}}\n",
      PLATEBUS_HOTLIST_TEST_PLUGIN_DIR, socket, database.string());
  host::Host host;
  host::Diagnostics diagnostics;
  BOOST_REQUIRE_MESSAGE(host.start(write_file(dir / "d.yaml", yaml), diagnostics), diagnostics.to_string());

  zmq::context_t context;
  zmq::socket_t peer(context, zmq::socket_type::pub);
  peer.set(zmq::sockopt::linger, 0);
  peer.connect("ipc://" + socket + ".publish");
  Message forged;
  forged.header = {{"type", "HotlistDelete"},
                   {"request_id", "r1"},
                   {"service", "hotlist"},
                   {"list", "stolen"},
                   {"actor", {{"user", "sgt.ramos"}, {"roles", {"sergeant"}}, {"session", "s"}, {"client", "x"}}}};
  for (int i = 0; i < 20; ++i) {  // a PUB drops until connected: send for a while
    send_message(peer, "reads", forged);
    std::this_thread::sleep_for(50ms);
  }
  std::this_thread::sleep_for(300ms);
  BOOST_TEST(host.stats().snapshot().at("reads").messages >= 1u);  // it did arrive
  host.stop();

  hotlist::HotlistStore store(database);
  BOOST_TEST(store.find_plate("7ABC123").size() == 1u);
}
