// Hostile messages (issue 17) are refused at decode with a MessageError that says why: sizes that
// wrap around, headers too deep or too large, images that would decode to gigabytes, and repeated
// fields with no end. The same attacks through a real host are in tests/host/test_hostile_messages.cpp.
#define BOOST_TEST_MODULE decode_limits
#define BOOST_TEST_DYN_LINK
#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <array>
#include <climits>

#include <fmt/format.h>
#include <opencv2/imgcodecs.hpp>

#include "hostile_images.hpp"
#include "platebus/audit_event.hpp"
#include "platebus/hit.hpp"
#include "platebus/image_probe.hpp"
#include "platebus/opencv.hpp"
#include "platebus/plate_read.hpp"
#include "bus/wire.hpp"

using namespace platebus;
using namespace platebus::host;
using namespace platebus::test;

namespace {

// The frames a peer's header text (and `parts` empty binary parts) arrive as.
std::vector<zmq::message_t> frames_of(const std::string& header, std::size_t parts = 0) {
  std::vector<zmq::message_t> frames;
  frames.emplace_back(std::string_view("topic.hostile"));
  frames.emplace_back(header.data(), header.size());
  for (std::size_t i = 0; i < parts; ++i) frames.emplace_back();
  return frames;
}

// The MessageError text decoding `header` gives, or "" when it decodes.
std::string decode_error(const std::string& header, std::size_t parts = 0) {
  try {
    decode_message(frames_of(header, parts));
  } catch (const MessageError& e) {
    return e.what();
  }
  return "";
}

std::string nested(std::size_t depth) {
  return "{\"type\": \"Deep\", \"a\": " + std::string(depth, '[') + std::string(depth, ']') + "}";
}

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

template <class Decode>
std::string error_of(Decode decode) {
  try {
    decode();
  } catch (const MessageError& e) {
    return e.what();
  }
  return "";
}

PlateRead small_read() {
  PlateRead read;
  read.read_id = "r1";
  read.camera = "cam";
  read.text = "7ABC123";
  read.confidence = 0.9;
  read.corners = {{0, 0}, {10, 0}, {10, 5}, {0, 5}};
  return read;
}

}  // namespace

BOOST_AUTO_TEST_CASE(a_stride_whose_product_wraps_is_refused) {
  const auto message = frame_with_wrapping_stride(1);
  const auto error = error_of([&] { Frame::from_message(message); });
  BOOST_TEST(contains(error, "does not fit"), error);
  BOOST_TEST(contains(error, "stride 4611686018427387904"), error);
}

BOOST_AUTO_TEST_CASE(a_header_deeper_than_32_levels_is_refused_while_parsing) {
  const auto error = decode_error(nested(100'000));
  BOOST_TEST(contains(error, "deeper than 32 levels"), error);
  BOOST_TEST(contains(error, "topic.hostile"), error);
  BOOST_TEST(decode_error(nested(31)) == "");  // the object itself is level 1
  BOOST_TEST(contains(decode_error(nested(32)), "deeper than 32 levels"));
}

// nlohmann's parser throws out_of_range for a number no double holds (found by fuzz/bus_message.cpp);
// decode_message promises MessageError and nothing else, so a peer that catches only that survives.
BOOST_AUTO_TEST_CASE(a_number_no_double_holds_is_a_message_error) {
  for (const std::string number : {"1e400", "-1e400", "23333330e333333333333333"}) {
    const auto error = decode_error("{\"type\": \"Huge\", \"a\": " + number + "}");
    BOOST_TEST(contains(error, "too large for a double"), number << ": " << error);
  }
}

BOOST_AUTO_TEST_CASE(a_header_over_256_kib_is_refused_before_parsing) {
  const std::string big = "{\"type\": \"Big\", \"text\": \"" + std::string(300 * 1024, 'x') + "\"}";
  const auto error = decode_error(big);
  BOOST_TEST(contains(error, "larger than 256 KiB"), error);
  BOOST_TEST(decode_error("{\"type\": \"Fits\", \"text\": \"" + std::string(200 * 1024, 'x') + "\"}") == "");
}

BOOST_AUTO_TEST_CASE(more_than_64_binary_parts_are_refused) {
  BOOST_TEST(contains(decode_error("{\"type\": \"Many\"}", 100'000), "more than 64 binary parts"));
  BOOST_TEST(decode_error("{\"type\": \"Some\"}", 64) == "");
}

BOOST_AUTO_TEST_CASE(a_jpeg_claiming_30000_by_30000_is_refused_from_its_header_before_decoding) {
  const auto bomb = jpeg_claiming(30000, 30000);
  BOOST_REQUIRE(bomb.size() < 2000);
  const auto image = jpeg_image(bomb, 64, 64);  // the description lies; the JPEG's own header tells
  const auto error = error_of([&] { mat_view(image); });
  BOOST_TEST(contains(error, "30000x30000"), error);
  BOOST_TEST(contains(error, "megapixels"), error);

  // Within the pixel limit but over a byte budget: 4000x4000 colour is 48 MB decoded.
  const auto large = jpeg_image(jpeg_claiming(4000, 4000), 4000, 4000);
  BOOST_TEST(contains(error_of([&] { decoded_bytes(large, DecodeLimits{100'000'000, 16 << 20}); }), "MiB"));
  BOOST_TEST(decoded_bytes(large, DecodeLimits{}) == 4000ull * 4000 * 3);
}

BOOST_AUTO_TEST_CASE(an_encoded_image_that_is_not_what_it_says_is_refused_before_decoding) {
  // Bytes described as JPEG but holding another format a decoder would take (here a PGM header).
  const std::string pgm = "P5\n30000 30000\n255\n";
  Image image;
  image.format = PixelFormat::jpeg;
  image.width = 64;
  image.height = 64;
  image.bytes = Blob::from_string(pgm);
  BOOST_TEST(contains(error_of([&] { mat_view(image); }), "not a JPEG"));

  // A real small JPEG still decodes.
  std::vector<std::uint8_t> fine;
  cv::imencode(".jpg", cv::Mat(48, 64, CV_8UC3, cv::Scalar(1, 2, 3)), fine);
  const cv::Mat pixels = mat_view(jpeg_image(fine, 64, 48));
  BOOST_TEST(pixels.cols == 64);
  BOOST_TEST(pixels.rows == 48);
}

BOOST_AUTO_TEST_CASE(a_plate_read_with_100000_alternatives_is_refused) {
  auto read = small_read();
  read.alternatives.assign(100'000, {"7ABC128", 0.5});
  const auto error = error_of([&] { PlateRead::from_message(read.to_message()); });
  BOOST_TEST(contains(error, "'alternatives' holds 100000 items; at most 32"), error);

  read.alternatives.assign(32, {"7ABC128", 0.5});
  BOOST_TEST(PlateRead::from_message(read.to_message()).alternatives.size() == 32u);
}

BOOST_AUTO_TEST_CASE(a_plate_read_with_more_than_4_corners_is_refused) {
  auto read = small_read();
  read.corners.push_back({3, 3});
  const auto error = error_of([&] { PlateRead::from_message(read.to_message()); });
  BOOST_TEST(contains(error, "'corners' holds 5 items; at most 4"), error);
}

BOOST_AUTO_TEST_CASE(a_hit_whose_read_has_100000_alternatives_is_refused) {
  Hit hit;
  hit.hit_id = "h1";
  hit.match_kind = "exact";
  hit.hot_plate = {"7ABC123", "CA", "stolen_vehicle", "stolen", "", "", 1, {}, "", ""};
  hit.read = small_read();
  hit.read.alternatives.assign(100'000, {"7ABC128", 0.5});
  const auto error = error_of([&] { Hit::from_message(hit.to_message()); });
  BOOST_TEST(contains(error, "'alternatives' holds 100000 items"), error);
}

BOOST_AUTO_TEST_CASE(an_audit_event_with_endless_roles_or_query_is_refused) {
  AuditEvent event;
  event.actor = {"jdoe", std::vector<std::string>(100'000, "officer"), "s1", "127.0.0.1"};
  event.category = "read.search";
  event.outcome = "allowed";
  BOOST_TEST(contains(error_of([&] { AuditEvent::from_message(event.to_message()); }), "'roles' holds 100000 items"));

  event.actor.roles = {"officer"};
  // fmt rather than "k" + std::to_string(i), which GCC 12 flags with a false -Wrestrict at -O3.
  for (int i = 0; i < 100'000; ++i) event.query[fmt::format("k{}", i)] = i;
  BOOST_TEST(contains(error_of([&] { AuditEvent::from_message(event.to_message()); }), "'query' holds 100000 items"));

  event.query = {{"plate", "7ABC123"}};
  BOOST_TEST(AuditEvent::from_message(event.to_message()).actor.user == "jdoe");
}

BOOST_AUTO_TEST_CASE(a_side_past_int_is_refused_not_cut_to_its_low_bits) {
  auto message = frame_message(image_from_mat(cv::Mat(4, 64, CV_8UC3, cv::Scalar(1, 2, 3))), 1);
  message.header["parts"][0]["width"] = (std::uint64_t{1} << 32) + 64;  // get<int>() would read 64
  const auto error = error_of([&] { Frame::from_message(message); });
  BOOST_TEST(contains(error, "width 4294967360 is not an image side"), error);
}

BOOST_AUTO_TEST_CASE(the_probe_refuses_a_second_frame_header_and_survives_a_bmp_of_int_min_width) {
  auto jpeg = jpeg_claiming(64, 64);
  const std::array<std::uint8_t, 2> start_of_frame{0xFF, 0xC0};
  const auto sof = std::search(jpeg.begin(), jpeg.end(), start_of_frame.begin(), start_of_frame.end());
  BOOST_REQUIRE(sof != jpeg.end());
  const std::size_t length = (sof[2] << 8) | sof[3];
  const std::vector<std::uint8_t> segment(sof, sof + 2 + static_cast<std::ptrdiff_t>(length));
  jpeg.insert(sof, segment.begin(), segment.end());  // SOF twice: libjpeg sizes by the first
  BOOST_TEST(probe_image(jpeg).problem == "damaged JPEG: it has two frame headers (SOF)");

  std::vector<std::uint8_t> bmp(54, 0);
  bmp[0] = 'B', bmp[1] = 'M', bmp[2] = 54, bmp[14] = 40;
  bmp[21] = 0x80;  // width INT32_MIN: std::abs of it overflows
  bmp[22] = 16;
  const auto probe = probe_image(bmp);
  BOOST_TEST(probe.width == INT_MAX);
  BOOST_TEST(probe.height == 16);
}
