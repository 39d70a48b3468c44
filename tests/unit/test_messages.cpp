// Typed messages survive the wire (a real ZeroMQ socket pair) unchanged, and malformed ones are
// refused with errors that name the field.
#define BOOST_TEST_MODULE messages
#define BOOST_TEST_DYN_LINK
#include <boost/test/unit_test.hpp>

#include <cstring>

#include "platebus/audit_event.hpp"
#include "platebus/frame.hpp"
#include "platebus/hit.hpp"
#include "platebus/plate_read.hpp"
#include "bus/wire.hpp"

using namespace platebus;
using namespace platebus::host;

namespace {

struct SocketPair {
  zmq::context_t context{1};
  zmq::socket_t sender{context, zmq::socket_type::pair};
  zmq::socket_t receiver{context, zmq::socket_type::pair};
  SocketPair() {
    receiver.bind("inproc://messages-test");
    sender.connect("inproc://messages-test");
  }
  Message round_trip(const Message& message, const std::string& topic = "topic.a") {
    send_message(sender, topic, message);
    zmq::pollitem_t item{receiver.handle(), 0, ZMQ_POLLIN, 0};
    zmq::poll(&item, 1, std::chrono::milliseconds(2000));
    auto received = receive_message(receiver);
    BOOST_REQUIRE(received);
    return std::move(*received);
  }
};

Image gray_image(int width, int height, std::uint8_t value) {
  Image image;
  image.width = width;
  image.height = height;
  image.format = PixelFormat::gray8;
  image.stride = static_cast<std::size_t>(width);
  image.bytes = Blob::from_string(std::string(static_cast<std::size_t>(width * height), static_cast<char>(value)));
  return image;
}

PlateRead sample_read() {
  PlateRead read;
  read.read_id = "r-1";
  read.camera = "cam-north";
  read.text = "7ABC123";
  read.confidence = 0.91;
  read.alternatives = {{"7A8C123", 0.4}, {"1ABC123", 0.2}};
  read.corners = {{10, 20}, {110, 22}, {108, 60}, {9, 58}};
  read.region = "us-ca";
  read.captured_at = parse_iso8601("2026-11-28T16:49:40.123456Z");
  read.gps = {true, 38.58, -121.49, 12.5, 3.0, 270.0, "gpsd"};
  read.processing_ms = 42.5;
  read.plate_crop = gray_image(100, 40, 200);
  return read;
}

}  // namespace

BOOST_AUTO_TEST_CASE(time_round_trips_and_rejects_garbage) {
  const auto t = parse_iso8601("2026-11-28T16:49:40.123456Z");
  BOOST_TEST(to_iso8601(t) == "2026-11-28T16:49:40.123456Z");
  BOOST_TEST(to_iso8601(parse_iso8601("2024-02-29T00:00:00Z")) == "2024-02-29T00:00:00.000000Z");
  BOOST_CHECK_THROW(parse_iso8601("2026-11-28 16:49:40"), std::invalid_argument);
  BOOST_CHECK_THROW(parse_iso8601("2026-02-30T00:00:00Z"), std::invalid_argument);
  BOOST_CHECK_THROW(parse_iso8601("2026-11-28T16:49:40+01:00"), std::invalid_argument);
}

// One date parser for every plugin (accounts, hot lists, audit exports, message times): digits
// where digits belong, nothing that sscanf's %d would let through (signs, spaces).
BOOST_AUTO_TEST_CASE(dates_are_read_strictly_by_the_one_parser) {
  BOOST_TEST(to_iso_date(*parse_iso_date("2024-02-29")) == "2024-02-29");
  BOOST_TEST(to_iso8601(start_of(*parse_iso_date("2026-11-28"))) == "2026-11-28T00:00:00.000000Z");
  BOOST_TEST(to_iso_date(date_of(parse_iso8601("2026-11-28T23:59:59.999999Z"))) == "2026-11-28");
  for (const auto* bad : {"2026-02-30", "2026-2-03", "+026-01-01", " 2026-1-01", "2026-01-+1", "2026-01-01 ",
                          "20260101", "2026/01/01", "", "2026-13-01"})
    BOOST_TEST(!parse_iso_date(bad).has_value(), bad);
  for (const auto* bad : {" 2026-11-28T16:49:40Z", "+2026-11-28T16:49:40Z", "2026-11-28T16:49:+0Z",
                          "2026-11-28T 6:49:40Z", "2026-11-28T16:49:40.Z", "2026-11-28T24:00:00Z"})
    BOOST_CHECK_THROW(parse_iso8601(bad), std::invalid_argument);
}

BOOST_AUTO_TEST_CASE(frame_round_trip_keeps_fields_images_and_no_fix) {
  SocketPair pair;
  Frame frame;
  frame.camera = "cam-north";
  frame.sequence = 17;
  frame.captured_at = parse_iso8601("2026-11-28T16:49:40.5Z");
  frame.colour = gray_image(64, 32, 7);
  frame.colour.format = PixelFormat::bgr8;
  frame.colour.width = 16;  // 16 * 3 = 48 bytes per row within a 64-byte stride
  frame.colour.stride = 64;
  frame.infrared = gray_image(8, 4, 99);
  auto message = frame.to_message();
  message.header[field::source] = "cam-north";
  const auto back = Frame::from_message(pair.round_trip(message));
  BOOST_TEST(back.camera == "cam-north");
  BOOST_TEST(back.sequence == 17u);
  BOOST_TEST(to_iso8601(back.captured_at) == "2026-11-28T16:49:40.500000Z");
  BOOST_TEST(!back.gps.has_fix);
  BOOST_TEST(back.colour.width == 16);
  BOOST_TEST(back.colour.stride == 64u);
  BOOST_TEST(back.colour.bytes.size == 64u * 32u);
  BOOST_TEST(back.infrared.width == 8);
  BOOST_TEST(static_cast<int>(back.infrared.bytes.data[5]) == 99);
}

BOOST_AUTO_TEST_CASE(plate_read_round_trip) {
  SocketPair pair;
  const auto read = sample_read();
  const auto back = PlateRead::from_message(pair.round_trip(read.to_message()));
  BOOST_TEST(back.text == "7ABC123");
  BOOST_TEST(back.alternatives.size() == 2u);
  BOOST_TEST(back.alternatives[0].text == "7A8C123");
  BOOST_TEST(back.corners.size() == 4u);
  BOOST_TEST(back.corners[2].x == 108.0);
  BOOST_TEST(back.gps.has_fix);
  BOOST_TEST(*back.gps.heading_deg == 270.0);
  BOOST_TEST(back.plate_crop.width == 100);
  BOOST_TEST(back.overview.empty());
  BOOST_TEST(back.processing_ms == 42.5);
}

BOOST_AUTO_TEST_CASE(hit_round_trip_carries_read_and_entry) {
  SocketPair pair;
  Hit hit;
  hit.hit_id = "h-1";
  hit.match_kind = "confusable";
  hit.matched_text = "7A8C123";
  hit.hot_plate = {"7A8C123", "CA", "stolen_vehicle", "reported stolen 2026-11-01", "daily", "CASE-9",
                   3, {"Honda", "Civic", "grey"}, "2027-01-31", "inv.ortiz"};
  hit.notice = "verify visually and through CLETS";
  hit.read = sample_read();
  const auto back = Hit::from_message(pair.round_trip(hit.to_message()));
  BOOST_TEST(back.match_kind == "confusable");
  BOOST_TEST(back.hot_plate.reason == "reported stolen 2026-11-01");
  BOOST_TEST(back.hot_plate.priority == 3);
  BOOST_TEST(back.hot_plate.vehicle.model == "Civic");
  BOOST_TEST(back.hot_plate.expires == "2027-01-31");
  BOOST_TEST(back.notice == "verify visually and through CLETS");
  BOOST_TEST(back.read.text == "7ABC123");
  BOOST_TEST(back.read.plate_crop.height == 40);
}

BOOST_AUTO_TEST_CASE(audit_event_round_trip) {
  SocketPair pair;
  AuditEvent event;
  event.at = parse_iso8601("2026-11-28T10:00:00.123Z");
  event.actor = {"jdoe", {"officer", "investigator"}, "s-1f2e", "10.0.0.7:51320"};
  event.category = audit_category::hot_list_browse;
  event.target = "list:daily";
  event.query = {{"plate", "7ABC123"}};
  event.case_number = "24-001234";
  event.reason = "stolen vehicle follow-up";
  event.outcome = audit_outcome::allowed;
  const auto received = pair.round_trip(event.to_message());
  BOOST_TEST(received.header[field::actor]["user"] == "jdoe");
  const auto back = AuditEvent::from_message(received);
  BOOST_TEST(back.case_number == "24-001234");
  BOOST_TEST(back.query["plate"] == "7ABC123");
  BOOST_TEST(back.actor.roles.size() == 2u);
  BOOST_TEST(back.actor.client == "10.0.0.7:51320");
  BOOST_TEST(to_iso8601(back.at) == to_iso8601(event.at));
  auto bad = event.to_message();
  bad.header["outcome"] = "ok";
  BOOST_CHECK_EXCEPTION(AuditEvent::from_message(bad), MessageError, [](const MessageError& e) {
    return std::string(e.what()).find("write allowed, refused or failed") != std::string::npos;
  });
}

BOOST_AUTO_TEST_CASE(malformed_messages_are_refused_with_the_field_named) {
  SocketPair pair;
  Message wrong_type;
  wrong_type.header = {{field::type, "PlateRead"}, {field::source, "x"}};
  BOOST_CHECK_EXCEPTION(Frame::from_message(wrong_type), MessageError, [](const MessageError& e) {
    return std::string(e.what()).find("expected a Frame message") != std::string::npos;
  });
  Message missing;
  missing.header = {{field::type, "Frame"}, {field::source, "cam"}, {"sequence", 1}};
  BOOST_CHECK_EXCEPTION(Frame::from_message(missing), MessageError, [](const MessageError& e) {
    return std::string(e.what()).find("has no header field 'camera'") != std::string::npos;
  });
  Frame small;
  small.camera = "cam";
  small.colour = gray_image(10, 10, 1);
  Message short_image = small.to_message();
  short_image.header[field::parts][0]["height"] = 20;
  BOOST_CHECK_EXCEPTION(Frame::from_message(short_image), MessageError, [](const MessageError& e) {
    return std::string(e.what()).find("does not fit its 100 bytes") != std::string::npos;
  });
  std::vector<zmq::message_t> frames;
  frames.emplace_back(std::string("topic"));
  frames.emplace_back(std::string("{not json"));
  BOOST_CHECK_THROW(decode_message(std::move(frames)), MessageError);
  std::vector<zmq::message_t> lonely;
  lonely.emplace_back(std::string("topic"));
  BOOST_CHECK_THROW(decode_message(std::move(lonely)), MessageError);
}
