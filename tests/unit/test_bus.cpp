// The bus's own parts, with real ZeroMQ sockets: images are shared, not copied, by every
// subscriber; latest queues drop their oldest; lossless publishers wait and are reported.
#define BOOST_TEST_MODULE bus
#define BOOST_TEST_DYN_LINK
#include <boost/test/unit_test.hpp>

#include <atomic>
#include <thread>

#include "bus/bus_proxy.hpp"
#include "bus/bus_sockets.hpp"
#include "bus/inbox.hpp"
#include "bus/wire.hpp"
#include "runtime/logging.hpp"
#include "test_support.hpp"

using namespace platebus;
using namespace platebus::host;
using namespace std::chrono_literals;

namespace {

std::optional<Message> receive_within(zmq::socket_t& socket, std::chrono::milliseconds timeout) {
  zmq::pollitem_t item{socket.handle(), 0, ZMQ_POLLIN, 0};
  zmq::poll(&item, 1, timeout);
  return receive_message(socket);
}

Message numbered(long long n) {
  Message message;
  message.header = {{field::type, "Count"}, {"n", n}};
  return message;
}

std::shared_ptr<SubscriptionSlot> add_slot(FlowControl& flow, const std::string& instance, const std::string& port,
                                           const std::string& prefix, std::size_t capacity) {
  SubscriptionSlot slot;
  slot.instance = instance;
  slot.port = port;
  slot.prefix = prefix;
  slot.capacity = capacity;
  return flow.add(slot);
}

}  // namespace

BOOST_AUTO_TEST_CASE(three_subscribers_read_the_publishers_bytes_in_place) {
  zmq::context_t context(1);
  TopicStats stats;
  LocalRouter router;
  BusProxy bus(context, BusConfig{}, stats, router, make_logger("bus"));
  auto publisher = connect_publisher(context);
  std::vector<zmq::socket_t> subscribers;
  for (int i = 0; i < 3; ++i) {
    subscribers.push_back(connect_subscriber(context));
    subscribers.back().set(zmq::sockopt::subscribe, "frames.");
  }
  // Subscriptions travel asynchronously: send probes until every subscriber has one.
  for (auto& subscriber : subscribers) {
    bool seen = false;
    for (int attempt = 0; attempt < 500 && !seen; ++attempt) {
      send_message(publisher, "frames.probe", numbered(0));
      seen = receive_within(subscriber, 10ms).has_value();
    }
    BOOST_REQUIRE(seen);
  }
  for (auto& subscriber : subscribers)
    while (receive_within(subscriber, 50ms)) {
    }

  auto pixels = std::make_shared<std::vector<std::byte>>(1920 * 1080 * 3, std::byte{7});
  std::weak_ptr<std::vector<std::byte>> watch = pixels;
  Message frame = numbered(1);
  frame.parts.push_back(Blob{pixels, pixels->data(), pixels->size()});
  const auto* original = pixels->data();
  send_message(publisher, "frames.cam1", frame);
  frame.parts.clear();
  pixels.reset();

  std::vector<Message> received;
  for (auto& subscriber : subscribers) {
    auto message = receive_within(subscriber, 2000ms);
    BOOST_REQUIRE(message);
    BOOST_REQUIRE_EQUAL(message->parts.size(), 1u);
    BOOST_TEST(message->parts[0].data == original);  // the very same bytes: no copy per subscriber
    received.push_back(std::move(*message));
  }
  BOOST_TEST(!watch.expired());  // still held while subscribers hold it
  received.clear();
  // ZeroMQ frees its last reference on its own thread, soon after.
  BOOST_TEST(platebus::test::wait_until([&] { return watch.expired(); }, 2000ms));
}

BOOST_AUTO_TEST_CASE(latest_queue_drops_the_oldest_and_counts_it) {
  TopicStats stats;
  FlowControl flow(1000ms);
  Inbox inbox(flow, stats);
  auto slot = add_slot(flow, "viewer", "frames", "frames.", 2);
  for (long long n = 1; n <= 5; ++n) {
    auto message = numbered(n);
    message.topic = "frames.cam1";
    inbox.push(std::move(message), slot, /*lossless=*/false);
  }
  std::atomic<bool> stopping{false};
  BOOST_TEST(inbox.pop(10ms, stopping)->header["n"] == 4);
  BOOST_TEST(inbox.pop(10ms, stopping)->header["n"] == 5);
  BOOST_TEST(!inbox.pop(10ms, stopping));
  BOOST_TEST(inbox.drops() == 3u);
  BOOST_TEST(stats.of("frames.cam1").drops == 3u);
}

BOOST_AUTO_TEST_CASE(lossless_publisher_waits_for_room_and_is_reported) {
  FlowControl flow(50ms);
  auto slot = add_slot(flow, "storage", "reads", "reads.", 2);
  flow.set_live(slot);
  std::vector<std::string> reports;
  const auto report = [&](const std::string& who, std::chrono::milliseconds) { reports.push_back(who); };
  const auto never = [] { return false; };
  BOOST_TEST(flow.reserve("reads.cam1", Delivery::lossless, never, report));
  BOOST_TEST(flow.reserve("reads.cam1", Delivery::lossless, never, report));
  // Other topics and latest messages do not need room in this slot.
  BOOST_TEST(flow.reserve("hits.cam1", Delivery::lossless, never, report));
  BOOST_TEST(flow.reserve("reads.cam1", Delivery::latest, never, report));
  BOOST_TEST(flow.in_use_total() == 2u);

  std::atomic<bool> reserved{false};
  std::thread publisher([&] {
    reserved = flow.reserve("reads.cam1", Delivery::lossless, never, report);
  });
  std::this_thread::sleep_for(200ms);
  BOOST_TEST(!reserved.load());  // full: the publisher waits rather than dropping
  flow.release(*slot);
  publisher.join();
  BOOST_TEST(reserved.load());
  BOOST_REQUIRE(!reports.empty());
  BOOST_TEST(reports.front() == "storage.reads");

  // A stopping publisher gives up without reserving.
  BOOST_TEST(!flow.reserve("reads.cam1", Delivery::lossless, [] { return true; }, report));
  BOOST_TEST(flow.in_use_total() == 2u);
  // A subscriber that forces lossless makes even latest messages wait for it.
  slot->delivery = Delivery::lossless;
  BOOST_TEST(!flow.reserve("reads.cam1", Delivery::latest, [] { return true; }, report));
  flow.remove(slot);
  BOOST_TEST(flow.reserve("reads.cam1", Delivery::lossless, never, report));  // gone: nothing to wait for
}
