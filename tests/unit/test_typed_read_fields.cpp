// PlateRead's revision, final and file are typed fields: they round-trip, default when a publisher
// leaves them out, and a wrong type or range is refused with the field named. A Frame's colour
// image travels under the role "colour", and a LifecycleEvent is read like any typed message.
#define BOOST_TEST_MODULE typed_read_fields
#define BOOST_TEST_DYN_LINK
#include <boost/test/unit_test.hpp>

#include "platebus/frame.hpp"
#include "platebus/lifecycle_event.hpp"
#include "platebus/plate_read.hpp"

using namespace platebus;

namespace {

PlateRead refined_read() {
  PlateRead read;
  read.read_id = "r-7";
  read.camera = "cam-north";
  read.text = "7ABC123";
  read.confidence = 0.9;
  read.captured_at = parse_iso8601("2026-12-07T10:00:00Z");
  read.revision = 3;
  read.final = true;
  read.file = "/media/day/car1.jpg";
  return read;
}

// Whether decoding `message` throws a MessageError whose text holds `words`.
bool refused_naming(const Message& message, const std::string& words) {
  try {
    PlateRead::from_message(message);
  } catch (const MessageError& e) {
    BOOST_TEST_MESSAGE(e.what());
    return std::string(e.what()).find(words) != std::string::npos;
  }
  return false;
}

}  // namespace

BOOST_AUTO_TEST_CASE(revision_final_and_file_round_trip_as_header_fields) {
  const auto message = refined_read().to_message();
  BOOST_TEST(message.header["revision"] == 3);
  BOOST_TEST(message.header["final"] == true);
  BOOST_TEST(message.header["file"] == "/media/day/car1.jpg");
  const auto back = PlateRead::from_message(message);
  BOOST_TEST(back.revision == 3);
  BOOST_TEST(back.final);
  BOOST_TEST(back.file == "/media/day/car1.jpg");
}

BOOST_AUTO_TEST_CASE(a_read_from_a_live_camera_carries_no_file_and_old_publishers_read_as_a_first_revision) {
  auto live = refined_read();
  live.file.clear();
  BOOST_TEST(!live.to_message().header.contains("file"));
  auto message = refined_read().to_message();
  message.header.erase("revision");
  message.header.erase("final");
  message.header.erase("file");
  const auto back = PlateRead::from_message(message);
  BOOST_TEST(back.revision == 0);
  BOOST_TEST(!back.final);
  BOOST_TEST(back.file.empty());
}

BOOST_AUTO_TEST_CASE(a_revision_that_is_not_a_whole_number_from_0_is_refused) {
  for (const auto& bad : {nlohmann::json("2"), nlohmann::json(-1), nlohmann::json(1.5), nlohmann::json(true),
                          nlohmann::json(std::uint64_t{1} << 40), nlohmann::json::array()}) {
    auto message = refined_read().to_message();
    message.header["revision"] = bad;
    BOOST_TEST(refused_naming(message, "'revision' must be a whole number from 0"), bad.dump());
  }
}

BOOST_AUTO_TEST_CASE(a_final_that_is_not_a_boolean_and_a_file_that_is_not_text_are_refused) {
  for (const auto& bad : {nlohmann::json("yes"), nlohmann::json(1), nlohmann::json::object()}) {
    auto message = refined_read().to_message();
    message.header["final"] = bad;
    BOOST_TEST(refused_naming(message, "header field 'final' has the wrong type"), bad.dump());
  }
  auto message = refined_read().to_message();
  message.header["file"] = 42;
  BOOST_TEST(refused_naming(message, "header field 'file' has the wrong type"));
}

BOOST_AUTO_TEST_CASE(a_frames_colour_image_travels_under_the_role_colour) {
  Frame frame;
  frame.camera = "cam";
  frame.colour.width = 1;
  frame.colour.height = 1;
  frame.colour.format = PixelFormat::gray8;
  frame.colour.stride = 1;
  frame.colour.bytes = Blob::from_string("x");
  auto message = frame.to_message();
  BOOST_TEST(message.header[field::parts][0]["role"] == "colour");
  BOOST_TEST(Frame::from_message(message).colour.width == 1);
  message.header[field::parts][0]["role"] = "color";  // the spelling before ABI 4 is not read
  BOOST_CHECK_THROW(Frame::from_message(message), MessageError);
}

BOOST_AUTO_TEST_CASE(a_lifecycle_event_round_trips_and_one_without_a_kind_is_refused) {
  LifecycleEvent event;
  event.at = parse_iso8601("2026-12-07T10:00:00.5Z");
  event.kind = lifecycle_kind::config_refused;
  event.subject = "/etc/platebus/site.yaml";
  event.detail = "the file has errors: site.yaml:3:1: ...";
  const auto back = LifecycleEvent::from_message(event.to_message());
  BOOST_TEST(back.kind == "config.refused");
  BOOST_TEST(back.subject == event.subject);
  BOOST_TEST(back.detail == event.detail);
  BOOST_TEST(to_iso8601(back.at) == "2026-12-07T10:00:00.500000Z");
  auto no_kind = event.to_message();
  no_kind.header.erase("kind");
  BOOST_CHECK_EXCEPTION(LifecycleEvent::from_message(no_kind), MessageError, [](const MessageError& e) {
    return std::string(e.what()).find("'kind'") != std::string::npos;
  });
}
