// alert.terminal through the real host: the banner carries every fact of the hit, the bell, the
// misread warning for loose matches, the standing notice, and the images saved where it says.
#define BOOST_TEST_MODULE alert_terminal
#define BOOST_TEST_DYN_LINK
#include <boost/test/unit_test.hpp>

#include <sys/stat.h>

#include "alert_test_helpers.hpp"

using namespace platebus::test;
using namespace platebus::test::alerts;
using namespace std::chrono_literals;

namespace {

// Runs publisher and terminal until `banners` complete banners (two rules each) are written.
std::string run_terminal(const TempDir& dir, const std::string& publisher_config, const std::string& sink_config,
                         int banners = 1) {
  const auto file = alert_deployment(dir, publisher_config, "alert.terminal",
                                     "output: " + (dir / "alerts.txt").string() + ", " + sink_config);
  platebus::host::Host host;
  start(host, file);
  const bool shown = wait_until(
      [&] { return count_of(read_file(dir / "alerts.txt"), std::string(70, '=')) >= static_cast<std::size_t>(2 * banners); }, 10s);
  host.stop();
  BOOST_REQUIRE_MESSAGE(shown, "no complete banner in " + read_file(dir / "alerts.txt"));
  return read_file(dir / "alerts.txt");
}

void contains(const std::string& text, const std::string& part) {
  BOOST_TEST(text.find(part) != std::string::npos, "'" << part << "' missing from:\n" << text);
}

}  // namespace

BOOST_AUTO_TEST_CASE(the_banner_shows_every_field_rings_and_saves_the_images) {
  TempDir dir;
  const auto text = run_terminal(dir, "", "colour: false, image_folder: " + (dir / "images").string());
  BOOST_TEST(text.front() == '\a');  // the bell comes first
  BOOST_TEST(text.find('\033') == std::string::npos);  // no colour codes when told not to
  contains(text, "HOT LIST HIT  7ABC123 (CA)   priority 5");
  contains(text, "EXACT match");
  BOOST_TEST(text.find("possible misread") == std::string::npos);
  contains(text, "7ABC123 (matched as 7ABC123, confidence 93%)");
  contains(text, "Category  stolen_vehicle");
  contains(text, "Reason    Stolen 2026-11-20 from Oakland, report 26-4411");
  contains(text, "Vehicle   white Toyota Camry");
  contains(text, "List      ca-sva   case CASE-2026-0042");
  contains(text, "Camera    front-left");
  contains(text, "Time      2026-11-28 16:49:40 UTC   (local ");
  contains(text, "Location  37.774900, -122.419400");
  contains(text, "Hit id    h-test-0001");
  contains(text, ">> " + kNotice);

  const auto crop = dir / "images" / "h-test-0001-plate.jpg";
  const auto overview = dir / "images" / "h-test-0001-overview.jpg";
  contains(text, "Plate img " + crop.string());
  contains(text, "Overview  " + overview.string());
  // The files hold the very bytes the hit carried.
  BOOST_TEST(read_file(crop) == std::string(test_jpeg(120, 40).bytes.as_string()));
  BOOST_TEST(read_file(overview) == std::string(test_jpeg(160, 90).bytes.as_string()));
}

BOOST_AUTO_TEST_CASE(a_confusable_match_warns_of_a_misread_and_a_missing_fix_says_so) {
  TempDir dir;
  const auto text = run_terminal(dir, "match_kind: confusable, gps: false, count: 2", "colour: true, bell: false", 2);
  BOOST_TEST(text.find('\a') == std::string::npos);
  BOOST_TEST(text.find("\033[") != std::string::npos);
  BOOST_TEST(count_of(text, "CONFUSABLE match - possible misread") == 2u);
  BOOST_TEST(count_of(text, "POSSIBLE MISREAD") == 2u);
  contains(text, "Location  no GPS fix");
  contains(text, "in the hit (set image_folder to save it)");
  BOOST_TEST(count_of(text, kNotice) == 2u);
  contains(text, "h-test-0002");
}

BOOST_AUTO_TEST_CASE(a_partial_match_is_a_possible_misread_too) {
  TempDir dir;
  const auto text = run_terminal(dir, "match_kind: partial", "colour: false");
  contains(text, "PARTIAL plate match - possible misread");
}

BOOST_AUTO_TEST_CASE(a_raw_plate_crop_is_saved_as_png) {
  TempDir dir;
  const auto text = run_terminal(dir, "raw_crop: true", "colour: false, image_folder: " + (dir / "images").string());
  const auto crop = dir / "images" / "h-test-0001-plate.png";
  contains(text, "Plate img " + crop.string());
  const auto saved = cv::imread(crop.string(), cv::IMREAD_UNCHANGED);
  BOOST_REQUIRE(!saved.empty());
  BOOST_TEST(cv::norm(saved, platebus::mat_view(test_gray_crop()), cv::NORM_INF) == 0);  // PNG is lossless
}

namespace {

unsigned mode_of(const fs::path& path) {
  struct stat status {};
  BOOST_REQUIRE_MESSAGE(::stat(path.c_str(), &status) == 0, "cannot stat " << path);
  return status.st_mode & 07777;
}

// Sets the umask for one test: 0 would leave every file the sink creates open to all (0666/0777).
struct Umask {
  explicit Umask(mode_t mask) : old(::umask(mask)) {}
  ~Umask() { ::umask(old); }
  mode_t old;
};

}  // namespace

BOOST_AUTO_TEST_CASE(the_output_file_images_and_their_folder_are_private_whatever_the_umask) {
  TempDir dir;
  const Umask open_to_all(0);
  run_terminal(dir, "", "colour: false, image_folder: " + (dir / "alerts" / "images").string());
  BOOST_TEST(mode_of(dir / "alerts.txt") == 0600u);
  BOOST_TEST(mode_of(dir / "alerts" / "images") == 0700u);
  BOOST_TEST(mode_of(dir / "alerts" / "images" / "h-test-0001-plate.jpg") == 0600u);
  BOOST_TEST(mode_of(dir / "alerts" / "images" / "h-test-0001-overview.jpg") == 0600u);
}

BOOST_AUTO_TEST_CASE(an_existing_output_file_is_made_private) {
  TempDir dir;
  write_file(dir / "alerts.txt", "");
  fs::permissions(dir / "alerts.txt", fs::perms::owner_read | fs::perms::owner_write | fs::perms::others_read);
  run_terminal(dir, "", "colour: false");
  BOOST_TEST(mode_of(dir / "alerts.txt") == 0600u);
}

BOOST_AUTO_TEST_CASE(an_image_folder_others_may_open_is_refused_with_the_fix) {
  TempDir dir;
  fs::create_directories(dir / "shared");
  fs::permissions(dir / "shared", fs::perms::owner_all | fs::perms::others_read | fs::perms::others_exec);
  StderrCapture log(dir / "host.log");
  platebus::host::Host host;
  start(host, alert_deployment(dir, "", "alert.terminal",
                               "output: " + (dir / "alerts.txt").string() + ", image_folder: " + (dir / "shared").string()));
  const bool said = wait_until([&] { return log.text().find("chmod 700") != std::string::npos; }, 10s);
  host.stop();
  BOOST_TEST(said, log.text());
  BOOST_TEST(fs::is_empty(dir / "shared"));
}
