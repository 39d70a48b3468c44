// The GPS sources capture plugins share: the NMEA parser on its own, a recorded log replayed,
// a serial receiver on a pseudo-terminal, a real gpsd fed through a pseudo-terminal, and config
// errors. Only logging is a test double (a Context that keeps log lines); everything else is real.
#define BOOST_TEST_MODULE gps_sources
#define BOOST_TEST_DYN_LINK
#include <boost/test/unit_test.hpp>

#include <fcntl.h>
#include <netinet/in.h>
#include <signal.h>
#include <spawn.h>
#include <stdlib.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <functional>
#include <mutex>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include <fmt/format.h>

#include "gps_source.hpp"
#include "nmea_gps.hpp"
#include "nmea_parser.hpp"
#include "platebus/plugin.hpp"
#include "test_support.hpp"

extern char** environ;

namespace {

using namespace std::chrono_literals;
using platebus::GpsFix;
using platebus::capture::make_gps_source;
using platebus::test::report_skip;
namespace nmea = platebus::capture::nmea;
using Clock = std::chrono::steady_clock;

// ---- a Context that only records log lines ------------------------------------------------------

class LogContext : public platebus::Context {
 public:
  const std::string& instance_id() const override { return id_; }
  const nlohmann::json& config() const override { return config_; }
  void publish(std::string_view, platebus::Message) override {}
  bool is_published(std::string_view) const override { return false; }
  std::optional<platebus::Message> receive(std::chrono::milliseconds) override { return std::nullopt; }
  bool stopping() const override { return false; }
  bool sleep_for(std::chrono::milliseconds d) override {
    std::this_thread::sleep_for(d);
    return true;
  }
  platebus::Reply call(std::string_view, platebus::Message, std::chrono::milliseconds) override {
    return platebus::Reply::failure(platebus::ServiceStatus::unavailable, "no services in this test");
  }
  void reply(const platebus::Message&, platebus::Reply) override {}
  void log(platebus::LogLevel level, std::string_view text) override {
    std::lock_guard lock(mutex_);
    lines_.push_back({level, std::string(text)});
    // Not BOOST_TEST_MESSAGE: Boost.Test's log is not thread-safe and sources log from their threads.
    std::fprintf(stderr, "log: %.*s\n", static_cast<int>(text.size()), text.data());
  }
  // How many lines at `level` contain `needle`.
  int count(platebus::LogLevel level, const std::string& needle) const {
    std::lock_guard lock(mutex_);
    int n = 0;
    for (const auto& [l, t] : lines_) n += (l == level && t.find(needle) != std::string::npos) ? 1 : 0;
    return n;
  }

 private:
  std::string id_ = "gps-test";
  nlohmann::json config_ = nlohmann::json::object();
  mutable std::mutex mutex_;
  std::vector<std::pair<platebus::LogLevel, std::string>> lines_;
};

// ---- NMEA helpers -------------------------------------------------------------------------------

// "$BODY*XX\r\n" with the checksum computed here, independently of the parser's own.
std::string sentence(const std::string& body) {
  unsigned sum = 0;
  for (unsigned char c : body) sum ^= c;
  return fmt::format("${}*{:02X}\r\n", body, sum);
}

// Degrees to NMEA ddmm.mmmm / dddmm.mmmm plus hemisphere.
std::string coordinate(double degrees, bool latitude) {
  char hemi = latitude ? (degrees < 0 ? 'S' : 'N') : (degrees < 0 ? 'W' : 'E');
  double a = std::abs(degrees);
  int d = static_cast<int>(a);
  double m = (a - d) * 60.0;
  return latitude ? fmt::format("{:02d}{:07.4f},{}", d, m, hemi) : fmt::format("{:03d}{:07.4f},{}", d, m, hemi);
}

std::string hhmmss(double seconds_of_day) {
  int h = static_cast<int>(seconds_of_day / 3600);
  int m = static_cast<int>(seconds_of_day / 60) % 60;
  double s = seconds_of_day - h * 3600 - m * 60;
  return fmt::format("{:02d}{:02d}{:05.2f}", h, m, s);
}

std::string rmc(double t, double lat, double lon, double knots, double course, const char* talker = "GP") {
  return sentence(fmt::format("{}RMC,{},A,{},{},{:.1f},{:.1f},230394,003.1,W,A", talker, hhmmss(t),
                              coordinate(lat, true), coordinate(lon, false), knots, course));
}

std::string gga(double t, double lat, double lon, double alt, const char* talker = "GP") {
  return sentence(fmt::format("{}GGA,{},{},{},1,08,0.9,{:.1f},M,46.9,M,,", talker, hhmmss(t), coordinate(lat, true),
                              coordinate(lon, false), alt));
}

template <class Pred>
bool wait_until(Pred pred, std::chrono::milliseconds timeout) {
  auto deadline = Clock::now() + timeout;
  while (Clock::now() < deadline) {
    if (pred()) return true;
    std::this_thread::sleep_for(10ms);
  }
  return pred();
}

// Destroys a source and says how long that took.
std::chrono::milliseconds destroy(std::unique_ptr<platebus::capture::GpsSource>& source) {
  auto start = Clock::now();
  source.reset();
  return std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - start);
}

struct TempDir {
  std::filesystem::path path;
  TempDir() {
    std::string tmpl = (std::filesystem::temp_directory_path() / "gps_sources_XXXXXX").string();
    path = ::mkdtemp(tmpl.data());
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path, ec);
  }
  std::string write(const std::string& name, const std::string& text) const {
    std::ofstream(path / name, std::ios::binary) << text;
    return (path / name).string();
  }
};

// A pseudo-terminal: the test writes to the master, the code under test opens the slave path.
struct Pty {
  int master = -1;
  std::string slave;
  Pty() {
    master = ::posix_openpt(O_RDWR | O_NOCTTY);
    BOOST_REQUIRE_MESSAGE(master >= 0, "posix_openpt failed");
    BOOST_REQUIRE(::grantpt(master) == 0);
    BOOST_REQUIRE(::unlockpt(master) == 0);
    slave = ::ptsname(master);
  }
  void write(const std::string& text) const {
    ssize_t n = ::write(master, text.data(), text.size());
    (void)n;
  }
  void close() {
    if (master >= 0) ::close(master);
    master = -1;
  }
  ~Pty() { close(); }
};

constexpr double kKnot = 1852.0 / 3600.0;

}  // namespace

// ---- the parser ---------------------------------------------------------------------------------

BOOST_AUTO_TEST_SUITE(parser)

BOOST_AUTO_TEST_CASE(rmc_and_gga_from_real_format_sentences) {
  auto r = nmea::parse_sentence(sentence("GPRMC,123519.00,A,4807.0380,N,01131.0000,E,022.4,084.4,230394,003.1,W"));
  BOOST_TEST((r.type == nmea::SentenceType::rmc));
  BOOST_TEST(r.valid);
  BOOST_TEST(r.latitude == 48.0 + 7.038 / 60.0, boost::test_tools::tolerance(1e-9));
  BOOST_TEST(r.longitude == 11.0 + 31.0 / 60.0, boost::test_tools::tolerance(1e-9));
  BOOST_TEST(*r.speed_mps == 22.4 * kKnot, boost::test_tools::tolerance(1e-9));
  BOOST_TEST(*r.heading_deg == 84.4, boost::test_tools::tolerance(1e-9));
  BOOST_TEST(*r.utc_seconds == 12 * 3600 + 35 * 60 + 19.0, boost::test_tools::tolerance(1e-9));
  BOOST_TEST(!r.altitude_m.has_value());

  auto g = nmea::parse_sentence(sentence("GNGGA,123519,4807.038,N,01131.000,E,1,08,0.9,545.4,M,46.9,M,,"));
  BOOST_TEST((g.type == nmea::SentenceType::gga));
  BOOST_TEST(g.valid);
  BOOST_TEST(g.latitude == 48.0 + 7.038 / 60.0, boost::test_tools::tolerance(1e-9));
  BOOST_TEST(*g.altitude_m == 545.4, boost::test_tools::tolerance(1e-9));

  // GNRMC without a trailing CR/LF, lowercase checksum digits, empty speed and course.
  std::string body = "GNRMC,000001,A,0000.0000,N,00000.0000,E,,,010100,,";
  std::string s = sentence(body);
  s = s.substr(0, s.size() - 2);
  std::string lower = s;
  for (std::size_t i = lower.size() - 2; i < lower.size(); ++i) lower[i] = static_cast<char>(std::tolower(lower[i]));
  auto z = nmea::parse_sentence(lower);
  BOOST_TEST((z.type == nmea::SentenceType::rmc));
  BOOST_TEST(z.valid);
  BOOST_TEST(!z.speed_mps.has_value());
  BOOST_TEST(!z.heading_deg.has_value());

  // Other sentences are recognised and ignored.
  BOOST_TEST((nmea::parse_sentence(sentence("GPGSV,3,1,11,03,03,111,00,04,15,270,00,06,01,010,00,13,06,292,00")).type ==
              nmea::SentenceType::other));
  BOOST_TEST((nmea::parse_sentence("").type == nmea::SentenceType::empty));
  BOOST_TEST((nmea::parse_sentence("\r\n").type == nmea::SentenceType::empty));
}

BOOST_AUTO_TEST_CASE(southern_and_western_hemispheres) {
  auto r = nmea::parse_sentence(rmc(3600, -33.8568, -151.2153, 10, 270));  // west of the antimeridian
  BOOST_TEST(r.valid);
  BOOST_TEST(r.latitude == -33.8568, boost::test_tools::tolerance(1e-6));
  BOOST_TEST(r.longitude == -151.2153, boost::test_tools::tolerance(1e-6));
  auto g = nmea::parse_sentence(gga(3600, -22.9519, -43.2105, 700));
  BOOST_TEST(g.latitude == -22.9519, boost::test_tools::tolerance(1e-6));
  BOOST_TEST(g.longitude == -43.2105, boost::test_tools::tolerance(1e-6));
  BOOST_TEST(*g.altitude_m == 700.0, boost::test_tools::tolerance(1e-9));
  // Negative altitude (below sea level) is kept.
  auto d = nmea::parse_sentence(gga(60, 31.5, 35.5, -430.5));
  BOOST_TEST(*d.altitude_m == -430.5, boost::test_tools::tolerance(1e-9));
}

BOOST_AUTO_TEST_CASE(bad_and_missing_checksums_are_rejected) {
  std::string good = sentence("GPRMC,123519,A,4807.038,N,01131.000,E,022.4,084.4,230394,003.1,W");
  BOOST_TEST((nmea::parse_sentence(good).type == nmea::SentenceType::rmc));
  std::string wrong = good;
  wrong[wrong.size() - 3] = wrong[wrong.size() - 3] == '0' ? '1' : '0';
  BOOST_TEST((nmea::parse_sentence(wrong).type == nmea::SentenceType::bad_checksum));
  std::string corrupted = good;
  corrupted[10] = corrupted[10] == '5' ? '6' : '5';  // a changed digit in the time field
  BOOST_TEST((nmea::parse_sentence(corrupted).type == nmea::SentenceType::bad_checksum));
  std::string missing = good.substr(0, good.find('*'));
  BOOST_TEST((nmea::parse_sentence(missing).type == nmea::SentenceType::bad_checksum));
  BOOST_TEST((nmea::parse_sentence(missing + "*").type == nmea::SentenceType::bad_checksum));
  BOOST_TEST((nmea::parse_sentence(missing + "*G1").type == nmea::SentenceType::bad_checksum));
  BOOST_TEST((nmea::parse_sentence(missing + "*4").type == nmea::SentenceType::bad_checksum));
  // Noise before the '$' of a good sentence does not hide it.
  BOOST_TEST((nmea::parse_sentence("\x13\x7f$GPR" + good).type == nmea::SentenceType::rmc));
}

BOOST_AUTO_TEST_CASE(status_v_and_quality_0_mean_no_fix) {
  auto v = nmea::parse_sentence(sentence("GPRMC,123519,V,,,,,,,230394,,"));
  BOOST_TEST((v.type == nmea::SentenceType::rmc));
  BOOST_TEST(!v.valid);
  auto v2 = nmea::parse_sentence(sentence("GPRMC,123519,V,4807.038,N,01131.000,E,022.4,084.4,230394,003.1,W"));
  BOOST_TEST(!v2.valid);
  auto n = nmea::parse_sentence(sentence("GPRMC,123519,A,4807.038,N,01131.000,E,022.4,084.4,230394,003.1,W,N"));
  BOOST_TEST(!n.valid);  // NMEA 2.3 mode indicator N: data not valid
  auto q0 = nmea::parse_sentence(sentence("GPGGA,123519,,,,,0,00,99.9,,M,,M,,"));
  BOOST_TEST((q0.type == nmea::SentenceType::gga));
  BOOST_TEST(!q0.valid);

  nmea::FixAccumulator acc("nmea");
  BOOST_TEST(acc.apply(nmea::parse_sentence(rmc(10, 38.58, -121.49, 20, 90))));
  BOOST_TEST(acc.apply(nmea::parse_sentence(gga(10, 38.58, -121.49, 9))));
  BOOST_TEST(acc.fix().has_fix);
  BOOST_TEST(*acc.fix().altitude_m == 9.0, boost::test_tools::tolerance(1e-9));
  BOOST_TEST(*acc.fix().speed_mps == 20 * kKnot, boost::test_tools::tolerance(1e-9));
  BOOST_TEST(*acc.fix().heading_deg == 90.0, boost::test_tools::tolerance(1e-9));
  BOOST_TEST(acc.fix().source == "nmea");
  BOOST_TEST(!acc.apply(nmea::parse_sentence(sentence("GPGSA,A,3,04,05,,09,12,,,24,,,,,2.5,1.3,2.1"))));
  BOOST_TEST(acc.apply(v));
  BOOST_TEST(!acc.fix().has_fix);
  // A new fix from GGA alone carries nothing over from before the loss.
  acc.apply(nmea::parse_sentence(gga(20, 38.59, -121.48, 12)));
  BOOST_TEST(acc.fix().has_fix);
  BOOST_TEST(!acc.fix().speed_mps.has_value());
  BOOST_TEST(*acc.fix().altitude_m == 12.0, boost::test_tools::tolerance(1e-9));
  acc.apply(q0);
  BOOST_TEST(!acc.fix().has_fix);
}

BOOST_AUTO_TEST_CASE(out_of_range_fields_are_malformed) {
  BOOST_TEST((nmea::parse_sentence(sentence("GPRMC,1,A,9107.038,N,01131.000,E,,,,,")).type == nmea::SentenceType::malformed));
  BOOST_TEST((nmea::parse_sentence(sentence("GPRMC,1,A,4867.038,N,01131.000,E,,,,,")).type == nmea::SentenceType::malformed));
  BOOST_TEST((nmea::parse_sentence(sentence("GPRMC,1,A,4807.038,X,01131.000,E,,,,,")).type == nmea::SentenceType::malformed));
  BOOST_TEST((nmea::parse_sentence(sentence("GPRMC,1,A,4807.038,N,18131.000,E,,,,,")).type == nmea::SentenceType::malformed));
  BOOST_TEST((nmea::parse_sentence(sentence("GPRMC,1,A,inf,N,nan,E,,,,,")).type == nmea::SentenceType::malformed));
  BOOST_TEST((nmea::parse_sentence(sentence("GPRMC,1,A,-4807.038,N,01131.000,E,,,,,")).type == nmea::SentenceType::malformed));
  BOOST_TEST((nmea::parse_sentence(sentence("GPRMC")).type == nmea::SentenceType::malformed));
  BOOST_TEST((nmea::parse_sentence(sentence("GPGGA,1,4807.038,N,01131.000,E,,08")).type == nmea::SentenceType::malformed));
  BOOST_TEST((nmea::parse_sentence(sentence("GPGGA,1,,N,01131.000,E,1,08")).type == nmea::SentenceType::malformed));
}

BOOST_AUTO_TEST_CASE(replay_pacer_follows_sentence_times) {
  nmea::ReplayPacer pacer;  // cap 2 s, 1 s without times
  auto p = [](const std::string& s) { return nmea::parse_sentence(s); };
  BOOST_TEST(pacer.delay_before(p(rmc(100.0, 1, 1, 0, 0))).count() == 0);  // the first group: at once
  BOOST_TEST(pacer.delay_before(p(gga(100.0, 1, 1, 0))).count() == 0);     // same group
  BOOST_TEST(pacer.delay_before(p(sentence("GPGSV,1,1,00"))).count() == 0);  // not paced
  BOOST_TEST(pacer.delay_before(p(rmc(100.2, 1, 1, 0, 0))).count() == 200);  // 10 Hz receiver
  BOOST_TEST(pacer.delay_before(p(gga(100.2, 1, 1, 0))).count() == 0);
  BOOST_TEST(pacer.delay_before(p(rmc(160.0, 1, 1, 0, 0))).count() == 2000);  // a gap: capped
  BOOST_TEST(pacer.delay_before(p(rmc(86399.0, 1, 1, 0, 0))).count() == 2000);  // backwards: capped
  BOOST_TEST(pacer.delay_before(p(rmc(0.5, 1, 1, 0, 0))).count() == 1500);  // across midnight

  nmea::ReplayPacer untimed;
  std::string r = sentence("GPRMC,,A,4807.038,N,01131.000,E,,,,,");
  std::string g = sentence("GPGGA,,4807.038,N,01131.000,E,1,08,0.9,545.4,M,,M,,");
  BOOST_TEST(untimed.delay_before(p(r)).count() == 0);
  BOOST_TEST(untimed.delay_before(p(g)).count() == 0);
  BOOST_TEST(untimed.delay_before(p(r)).count() == 1000);  // RMC again: the next group, 1 s later
  BOOST_TEST(untimed.delay_before(p(g)).count() == 0);
}

BOOST_AUTO_TEST_CASE(fuzz_never_crashes) {
  std::mt19937 rng(20240611);
  auto check = [](const std::string& line) {
    auto s = nmea::parse_sentence(line);
    if (s.valid) {
      BOOST_REQUIRE(std::isfinite(s.latitude) && std::abs(s.latitude) <= 90);
      BOOST_REQUIRE(std::isfinite(s.longitude) && std::abs(s.longitude) <= 180);
    }
    return s;
  };
  // Random bytes.
  for (int i = 0; i < 20000; ++i) {
    std::string line(rng() % 120, '\0');
    for (auto& c : line) c = static_cast<char>(rng());
    if (rng() % 2) line = "$" + line;
    check(line);
  }
  // Every truncation of real sentences.
  for (const std::string& full : {rmc(45296.5, -12.5, 130.75, 35.2, 359.9), gga(45296.5, 64.1, -21.9, 60.2)}) {
    for (std::size_t n = 0; n <= full.size(); ++n) check(full.substr(0, n));
    for (std::size_t n = 0; n <= full.size(); ++n) check(full.substr(n));
  }
  // Correct checksums around random field contents: the field parsers see the garbage.
  const std::string alphabet = "0123456789.,-+NSEWAV eE*$inf";
  for (int i = 0; i < 20000; ++i) {
    std::string body = (rng() % 2) ? "GPRMC," : "GNGGA,";
    std::size_t len = rng() % 80;
    for (std::size_t k = 0; k < len; ++k) body += alphabet[rng() % alphabet.size()];
    check(sentence(body));
  }
  // Huge lines.
  check(std::string(1 << 20, 'A'));
  check("$" + std::string(1 << 20, ','));
  check(sentence("GPRMC," + std::string(100000, '9') + ",A"));
  check(sentence("GPGGA,123519," + std::string(300000, '1') + ",N,01131.000,E,1,08,0.9,545.4,M,46.9,M,,"));
}

BOOST_AUTO_TEST_SUITE_END()

// ---- the factory and its config errors ----------------------------------------------------------

BOOST_AUTO_TEST_SUITE(config)

BOOST_AUTO_TEST_CASE(null_and_empty_mean_no_fix) {
  LogContext ctx;
  BOOST_TEST(!make_gps_source(nullptr, ctx)->current().has_fix);
  BOOST_TEST(!make_gps_source(nlohmann::json::object(), ctx)->current().has_fix);
  BOOST_TEST(make_gps_source(nlohmann::json::object(), ctx)->current().to_json() == nlohmann::json({{"fix", false}}));
}

BOOST_AUTO_TEST_CASE(static_source) {
  LogContext ctx;
  auto source = make_gps_source({{"static", {{"latitude", 38.58}, {"longitude", -121.49}, {"altitude_m", 9}}}}, ctx);
  GpsFix fix = source->current();
  BOOST_TEST(fix.has_fix);
  BOOST_TEST(fix.latitude == 38.58);
  BOOST_TEST(fix.longitude == -121.49);
  BOOST_TEST(*fix.altitude_m == 9.0);
  BOOST_TEST(fix.source == "static");
  BOOST_TEST(!fix.speed_mps.has_value());
  auto edge = make_gps_source({{"static", {{"latitude", -90}, {"longitude", 180}}}}, ctx)->current();
  BOOST_TEST(edge.latitude == -90.0);
  BOOST_TEST(!edge.altitude_m.has_value());
}

BOOST_AUTO_TEST_CASE(bad_configs_say_what_to_change) {
  LogContext ctx;
  TempDir dir;
  std::string log = dir.write("route.nmea", rmc(1, 1, 1, 0, 0));
  struct Case {
    nlohmann::json config;
    std::vector<std::string> expected;  // substrings of the message
  };
  std::vector<Case> cases = {
      {42, {"must be a map"}},
      {"gpsd", {"must be a map"}},
      {{{"foo", 1}}, {"unknown key \"foo\"", "static", "nmea", "gpsd"}},
      {{{"static", {{"latitude", 1}, {"longitude", 2}}}, {"gpsd", "localhost:2947"}}, {"exactly one", "static and gpsd"}},
      {{{"static", {{"latitude", 91}, {"longitude", 0}}}}, {"latitude", "-90", "90"}},
      {{{"static", {{"latitude", 0}, {"longitude", -180.5}}}}, {"longitude", "-180", "180"}},
      {{{"static", {{"latitude", 0}, {"longitude", 0}, {"altitude_m", 1e6}}}}, {"altitude_m", "-1000", "10000"}},
      {{{"static", {{"latitude", "38.5"}, {"longitude", 0}}}}, {"latitude", "must be a number"}},
      {{{"static", {{"latitude", 0}}}}, {"longitude"}},
      {{{"static", {{"latitude", 0}, {"longitude", 0}, {"alt", 3}}}}, {"unknown key \"alt\"", "altitude_m"}},
      {{{"static", {{"latitude", 0}, {"longitude", 0}}}, {"max_age", 5000}}, {"unknown key \"max_age\""}},
      {{{"static", {1, 2}}}, {"static must be a map"}},
      {{{"nmea", 5}}, {"nmea must be a non-empty string"}},
      {{{"nmea", ""}}, {"nmea must be a non-empty string"}},
      {{{"nmea", "/nonexistent/route.nmea"}}, {"/nonexistent/route.nmea", "No such file"}},
      {{{"nmea", dir.path.string()}}, {"neither a regular file"}},
      {{{"nmea", log}, {"baud", 1234}}, {"baud 1234", "4800", "115200"}},
      {{{"nmea", log}, {"baud", "9600"}}, {"baud"}},
      {{{"nmea", log}, {"max_age", -1}}, {"max_age"}},
      {{{"nmea", log}, {"max_age", 0}}, {"max_age"}},
      {{{"nmea", log}, {"max_age", "5s"}}, {"max_age", "milliseconds"}},
      {{{"nmea", log}, {"speed", 1}}, {"unknown key \"speed\"", "baud", "max_age"}},
      {{{"nmea", "/dev/null"}}, {"/dev/null", "not a serial port"}},
      {{{"gpsd", 2947}}, {"gpsd must be a non-empty string"}},
      {{{"gpsd", "localhost:99999"}}, {"HOST:PORT"}},
      {{{"gpsd", ":2947"}}, {"HOST:PORT"}},
      {{{"gpsd", "localhost:http"}}, {"HOST:PORT"}},
      {{{"gpsd", "localhost:2947"}, {"baud", 4800}}, {"unknown key \"baud\"", "max_age"}},
  };
  for (const auto& c : cases) {
    BOOST_TEST_CONTEXT("config " << c.config.dump()) {
      try {
        make_gps_source(c.config, ctx);
        BOOST_TEST(false, "no ConfigError");
      } catch (const platebus::ConfigError& e) {
        std::string what = e.what();
        BOOST_TEST_MESSAGE("ConfigError: " << what);
        for (const auto& s : c.expected) BOOST_TEST(what.find(s) != std::string::npos, "'" << s << "' in: " << what);
      }
    }
  }
}

BOOST_AUTO_TEST_SUITE_END()

// ---- a recorded log replayed ----------------------------------------------------------------------

BOOST_AUTO_TEST_SUITE(file_replay)

BOOST_AUTO_TEST_CASE(fixes_appear_advance_then_age_out) {
  LogContext ctx;
  TempDir dir;
  // A short drive north-east, a sentence group every 0.4 s, with the noise a real log has.
  std::string text = sentence("GPGSV,1,1,04,03,03,111,00,04,15,270,00,06,01,010,00,13,06,292,00");
  const int points = 5;
  for (int i = 0; i < points; ++i) {
    double t = 43200.0 + 0.4 * i, lat = 38.5800 + 0.0001 * i, lon = -121.4900 + 0.0001 * i;
    text += rmc(t, lat, lon, 25.0, 45.0, "GN") + gga(t, lat, lon, 9.0 + i, "GN");
    if (i == 1) text += "$GPRMC,120000.40,A,3834.8060,N,12129.3940,W,25.0,45.0,230394,,*00\r\n";  // bad checksum
  }
  std::string path = dir.write("route.nmea", text);
  auto start = Clock::now();
  auto source = make_gps_source({{"nmea", path}, {"max_age", 700}}, ctx);
  auto* nmea_source = dynamic_cast<platebus::capture::NmeaFileGpsSource*>(source.get());
  BOOST_REQUIRE(nmea_source);

  BOOST_REQUIRE(wait_until([&] { return source->current().has_fix; }, 1s));
  GpsFix first = source->current();
  BOOST_TEST(first.source == "nmea");
  BOOST_TEST(first.latitude == 38.58, boost::test_tools::tolerance(1e-6));
  BOOST_TEST(first.longitude == -121.49, boost::test_tools::tolerance(1e-6));
  BOOST_TEST(*first.speed_mps == 25.0 * kKnot, boost::test_tools::tolerance(1e-6));
  BOOST_TEST(*first.heading_deg == 45.0, boost::test_tools::tolerance(1e-6));
  BOOST_TEST(*first.altitude_m == 9.0, boost::test_tools::tolerance(1e-6));

  // It advances at the log's pace: the last point no sooner than 4 x 0.4 s after the start.
  double last_lat = 38.5800 + 0.0001 * (points - 1);
  BOOST_REQUIRE(wait_until([&] { return std::abs(source->current().latitude - last_lat) < 1e-7; }, 4s));
  auto took = Clock::now() - start;
  BOOST_TEST(took >= 1500ms);
  BOOST_TEST(took < 3s);
  BOOST_REQUIRE(wait_until([&] { return nmea_source->finished(); }, 1s));
  BOOST_TEST(source->current().has_fix);
  BOOST_TEST(*source->current().altitude_m == 9.0 + points - 1, boost::test_tools::tolerance(1e-6));
  BOOST_TEST(nmea_source->bad_checksums() == 1u);
  BOOST_TEST(nmea_source->fix_sentences() == 2u * points);
  BOOST_TEST(ctx.count(platebus::LogLevel::warn, "bad or missing checksum") == 1);

  // No loop: the last fix ages out after max_age.
  BOOST_TEST(wait_until([&] { return !source->current().has_fix; }, 1500ms));
  std::this_thread::sleep_for(500ms);
  BOOST_TEST(!source->current().has_fix);
  BOOST_TEST(destroy(source) < 200ms);
}

BOOST_AUTO_TEST_CASE(a_log_without_times_plays_a_group_a_second_and_stops_promptly) {
  LogContext ctx;
  TempDir dir;
  std::string text;
  for (int i = 0; i < 3; ++i) {
    text += sentence(fmt::format("GPRMC,,A,{},{},,,,,", coordinate(-10.0 - i, true), coordinate(-20.0, false)));
    text += sentence(fmt::format("GPGGA,,{},{},1,05,1.0,5.0,M,,M,,", coordinate(-10.0 - i, true), coordinate(-20.0, false)));
  }
  text += std::string(5000, 'x');  // an unterminated huge last line
  auto source = make_gps_source({{"nmea", dir.write("untimed.nmea", text)}}, ctx);
  BOOST_REQUIRE(wait_until([&] { return source->current().has_fix; }, 1s));
  BOOST_TEST(source->current().latitude == -10.0, boost::test_tools::tolerance(1e-6));
  std::this_thread::sleep_for(300ms);
  BOOST_TEST(source->current().latitude == -10.0, boost::test_tools::tolerance(1e-6));  // not yet
  BOOST_REQUIRE(wait_until([&] { return std::abs(source->current().latitude + 11.0) < 1e-6; }, 1500ms));
  // Destroyed in the middle of a 1 s wait.
  BOOST_TEST(destroy(source) < 1s);
}

BOOST_AUTO_TEST_SUITE_END()

// ---- a serial receiver on a pseudo-terminal ------------------------------------------------------

BOOST_AUTO_TEST_SUITE(serial)

BOOST_AUTO_TEST_CASE(reads_a_pty_and_survives_noise_and_loss) {
  LogContext ctx;
  Pty pty;
  auto source = make_gps_source({{"nmea", pty.slave}, {"baud", 9600}, {"max_age", 800}}, ctx);
  auto* nmea_source = dynamic_cast<platebus::capture::NmeaSerialGpsSource*>(source.get());
  BOOST_REQUIRE(nmea_source);
  BOOST_TEST(!source->current().has_fix);

  // Noise first, as a receiver just powered up sends: partial sentence, binary, a huge line.
  pty.write("0,E,022.4,084.4,230394,003.1,W*6A\r\n$GPRMC,123519,A,4807.0\r\n");
  pty.write(std::string("\x01\x02\xff\xfe", 4) + "\r\n");
  pty.write(std::string(3000, 'Z') + "\r\n");
  pty.write(rmc(50000, 51.5007, -0.1246, 3.0, 180.0));  // London, just west of Greenwich
  pty.write(gga(50000, 51.5007, -0.1246, 15.0));
  BOOST_REQUIRE(wait_until([&] { return source->current().has_fix && source->current().altitude_m; }, 2s));
  GpsFix fix = source->current();
  BOOST_TEST(fix.latitude == 51.5007, boost::test_tools::tolerance(1e-6));
  BOOST_TEST(fix.longitude == -0.1246, boost::test_tools::tolerance(1e-6));
  BOOST_TEST(*fix.speed_mps == 3.0 * kKnot, boost::test_tools::tolerance(1e-6));
  BOOST_TEST(*fix.altitude_m == 15.0, boost::test_tools::tolerance(1e-6));
  BOOST_TEST(nmea_source->bad_checksums() >= 1u);
  BOOST_TEST(nmea_source->malformed() >= 1u);
  BOOST_TEST(ctx.count(platebus::LogLevel::warn, "bad or missing checksum") == 1);  // rate-limited

  // Status V: no fix at once, not after max_age.
  pty.write(sentence("GPRMC,135001.00,V,,,,,,,230394,,,N"));
  BOOST_TEST(wait_until([&] { return !source->current().has_fix; }, 500ms));
  BOOST_TEST(ctx.count(platebus::LogLevel::warn, "lost its fix") == 1);

  // A fix again, then silence: it ages out after max_age.
  pty.write(rmc(50002, 51.5010, -0.1250, 0.0, 0.0));
  BOOST_REQUIRE(wait_until([&] { return source->current().has_fix; }, 1s));
  auto fixed_at = Clock::now();
  BOOST_REQUIRE(wait_until([&] { return !source->current().has_fix; }, 2s));
  BOOST_TEST((Clock::now() - fixed_at) >= 700ms);

  // The device goes away (the pty master closes): a warning, then retries.
  pty.close();
  BOOST_TEST(wait_until([&] { return ctx.count(platebus::LogLevel::warn, "went away") == 1; }, 2s));
  BOOST_TEST(destroy(source) < 1s);
}

BOOST_AUTO_TEST_CASE(a_device_not_plugged_in_yet_is_waited_for) {
  LogContext ctx;
  auto source = make_gps_source({{"nmea", "/dev/platebus-test-no-such-gps"}}, ctx);
  BOOST_TEST(ctx.count(platebus::LogLevel::warn, "not there") == 1);
  std::this_thread::sleep_for(1200ms);  // a retry happens; no new warning in the same streak
  BOOST_TEST(!source->current().has_fix);
  BOOST_TEST(ctx.count(platebus::LogLevel::warn, "platebus-test-no-such-gps") == 1);
  BOOST_TEST(destroy(source) < 1s);
}

BOOST_AUTO_TEST_SUITE_END()

// ---- a real gpsd ----------------------------------------------------------------------------------

namespace {

std::string find_gpsd() {
  for (const char* p : {"/usr/sbin/gpsd", "/usr/bin/gpsd", "/usr/local/sbin/gpsd"}) {
    if (::access(p, X_OK) == 0) return p;
  }
  return {};
}

int free_tcp_port() {
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  ::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr);
  socklen_t len = sizeof addr;
  ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len);
  ::close(fd);
  return ntohs(addr.sin_port);
}

// gpsd in the foreground on a pty that a thread feeds with NMEA, as a receiver would.
class GpsdUnderTest {
 public:
  GpsdUnderTest(const std::string& gpsd, int port, const std::string& log) {
    feeder_ = std::thread([this] {
      double t = 36000;
      while (!stop_) {
        pty_.write(rmc(t, -37.8136, 144.9631, 12.0, 270.0));  // Melbourne: south, east
        pty_.write(gga(t, -37.8136, 144.9631, 31.0));
        t += 1;
        std::this_thread::sleep_for(200ms);
      }
    });
    std::string port_text = std::to_string(port);
    std::vector<std::string> args = {gpsd, "-N", "-n", "-b", "-S", port_text, pty_.slave};
    std::vector<char*> argv;
    for (auto& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    posix_spawn_file_actions_t actions;
    ::posix_spawn_file_actions_init(&actions);
    ::posix_spawn_file_actions_addopen(&actions, 1, log.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    ::posix_spawn_file_actions_adddup2(&actions, 1, 2);
    int rc = ::posix_spawn(&pid_, gpsd.c_str(), &actions, nullptr, argv.data(), environ);
    ::posix_spawn_file_actions_destroy(&actions);
    if (rc != 0) pid_ = -1;
  }
  bool running() const { return pid_ > 0; }
  void kill() {
    if (pid_ > 0) {
      ::kill(pid_, SIGTERM);
      int status = 0;
      ::waitpid(pid_, &status, 0);
      pid_ = -1;
    }
  }
  ~GpsdUnderTest() {
    kill();
    stop_ = true;
    feeder_.join();
  }

 private:
  Pty pty_;
  pid_t pid_ = -1;
  std::atomic<bool> stop_{false};
  std::thread feeder_;
};

}  // namespace

BOOST_AUTO_TEST_SUITE(gpsd)

BOOST_AUTO_TEST_CASE(fix_from_a_real_gpsd_with_reconnect) {
  std::string gpsd = find_gpsd();
  if (gpsd.empty()) {
    report_skip("no gpsd binary (install Debian's gpsd package): the gpsd source is untested here");
    return;
  }
  LogContext ctx;
  TempDir dir;
  int port = free_tcp_port();
  // The source starts before gpsd is there: one warning for the whole failure streak.
  auto source = make_gps_source({{"gpsd", fmt::format("127.0.0.1:{}", port)}, {"max_age", 1500}}, ctx);
  BOOST_TEST(wait_until([&] { return ctx.count(platebus::LogLevel::warn, "cannot connect") == 1; }, 1s));
  std::string gpsd_log = (dir.path / "gpsd.log").string();
  {
    GpsdUnderTest daemon(gpsd, port, gpsd_log);
    BOOST_REQUIRE_MESSAGE(daemon.running(), "could not start " << gpsd);
    bool got = wait_until([&] { return source->current().has_fix; }, 15s);
    if (!got) {
      std::ifstream in(gpsd_log);
      std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
      BOOST_TEST_MESSAGE("gpsd output:\n" << text);
    }
    BOOST_REQUIRE(got);
    BOOST_TEST(ctx.count(platebus::LogLevel::warn, "cannot connect") == 1);
    BOOST_TEST(ctx.count(platebus::LogLevel::info, "connected") >= 1);
    GpsFix fix = source->current();
    BOOST_TEST(fix.source == "gpsd");
    BOOST_TEST(fix.latitude == -37.8136, boost::test_tools::tolerance(1e-6));
    BOOST_TEST(fix.longitude == 144.9631, boost::test_tools::tolerance(1e-6));
    BOOST_REQUIRE(wait_until([&] { return source->current().altitude_m.has_value(); }, 3s));
    BOOST_TEST(*source->current().altitude_m == 31.0, boost::test_tools::tolerance(1e-6));
    BOOST_TEST(*source->current().speed_mps == 12.0 * kKnot, boost::test_tools::tolerance(1e-2));
    BOOST_TEST(*source->current().heading_deg == 270.0, boost::test_tools::tolerance(1e-6));
    daemon.kill();
    // gpsd gone: the connection loss is logged, and the fix ages out after max_age.
    BOOST_TEST(wait_until([&] { return ctx.count(platebus::LogLevel::warn, "connection lost") == 1; }, 2s));
    BOOST_TEST(wait_until([&] { return !source->current().has_fix; }, 3s));
  }
  std::this_thread::sleep_for(1500ms);  // a failed reconnect or two: not logged again
  BOOST_TEST(ctx.count(platebus::LogLevel::warn, "cannot connect") == 1);
  BOOST_TEST(destroy(source) < 1s);
}

BOOST_AUTO_TEST_SUITE_END()
