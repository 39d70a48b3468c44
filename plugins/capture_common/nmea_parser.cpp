#include "nmea_parser.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <vector>

namespace platebus::capture::nmea {
namespace {

constexpr double kMetersPerSecondPerKnot = 1852.0 / 3600.0;
// NMEA limits a sentence to 82 characters; receivers that break the rule still stay far below this.
constexpr std::size_t kMaxFieldLength = 32;

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\0'; }

std::string_view trim(std::string_view s) {
  while (!s.empty() && is_space(s.front())) s.remove_prefix(1);
  while (!s.empty() && is_space(s.back())) s.remove_suffix(1);
  return s;
}

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  return -1;
}

// A plain decimal number: digits with at most one '.', optionally a leading '-'. Rejects what
// from_chars would also take (inf, nan, exponents) and anything else a corrupted field may hold.
std::optional<double> parse_decimal(std::string_view field, bool allow_negative) {
  if (field.empty() || field.size() > kMaxFieldLength) return std::nullopt;
  std::size_t i = 0;
  if (field[0] == '-') {
    if (!allow_negative) return std::nullopt;
    i = 1;
  }
  bool digit = false, dot = false;
  for (; i < field.size(); ++i) {
    char c = field[i];
    if (c >= '0' && c <= '9') {
      digit = true;
    } else if (c == '.' && !dot) {
      dot = true;
    } else {
      return std::nullopt;
    }
  }
  if (!digit) return std::nullopt;
  double value = 0;
  auto [end, ec] = std::from_chars(field.data(), field.data() + field.size(), value);
  if (ec != std::errc() || end != field.data() + field.size() || !std::isfinite(value)) return std::nullopt;
  return value;
}

// ddmm.mmmm (latitude) or dddmm.mmmm (longitude) with its hemisphere letter.
std::optional<double> parse_coordinate(std::string_view value, std::string_view hemisphere, double max_degrees,
                                       char positive, char negative) {
  if (hemisphere.size() != 1) return std::nullopt;
  auto v = parse_decimal(value, false);
  if (!v) return std::nullopt;
  // At least ddmm / dddmm before the decimal point.
  std::size_t int_digits = std::min(value.find('.'), value.size());
  if (int_digits < 4) return std::nullopt;
  double degrees = std::floor(*v / 100.0);
  double minutes = *v - degrees * 100.0;
  if (minutes >= 60.0) return std::nullopt;
  double result = degrees + minutes / 60.0;
  if (result > max_degrees) return std::nullopt;
  if (hemisphere[0] == negative) return -result;
  if (hemisphere[0] == positive) return result;
  return std::nullopt;
}

// hhmmss or hhmmss.sss
std::optional<double> parse_time(std::string_view field) {
  if (field.size() < 6) return std::nullopt;
  auto v = parse_decimal(field, false);
  if (!v) return std::nullopt;
  for (int i = 0; i < 6; ++i) {
    if (field[i] < '0' || field[i] > '9') return std::nullopt;
  }
  if (field.size() > 6 && field[6] != '.') return std::nullopt;
  int hh = (field[0] - '0') * 10 + (field[1] - '0');
  int mm = (field[2] - '0') * 10 + (field[3] - '0');
  double ss = *v - std::floor(*v / 100.0) * 100.0;
  if (hh > 23 || mm > 59 || ss >= 61.0) return std::nullopt;
  return hh * 3600.0 + mm * 60.0 + ss;
}

std::vector<std::string_view> split_fields(std::string_view body) {
  std::vector<std::string_view> fields;
  std::size_t start = 0;
  while (true) {
    std::size_t comma = body.find(',', start);
    if (comma == std::string_view::npos) {
      fields.push_back(body.substr(start));
      break;
    }
    fields.push_back(body.substr(start, comma - start));
    start = comma + 1;
  }
  return fields;
}

std::string_view field_at(const std::vector<std::string_view>& fields, std::size_t i) {
  return i < fields.size() ? fields[i] : std::string_view{};
}

Sentence parse_rmc(const std::vector<std::string_view>& f) {
  Sentence s;
  s.type = SentenceType::rmc;
  s.utc_seconds = parse_time(field_at(f, 1));
  std::string_view status = field_at(f, 2);
  if (status == "V") return s;  // receiver says: no fix
  if (status != "A") return only(SentenceType::malformed);
  // NMEA 2.3+ mode indicator: N means "data not valid" even with status A.
  if (field_at(f, 12) == "N") return s;
  auto lat = parse_coordinate(field_at(f, 3), field_at(f, 4), 90.0, 'N', 'S');
  auto lon = parse_coordinate(field_at(f, 5), field_at(f, 6), 180.0, 'E', 'W');
  if (!lat || !lon) return only(SentenceType::malformed);
  s.valid = true;
  s.latitude = *lat;
  s.longitude = *lon;
  if (auto knots = parse_decimal(field_at(f, 7), false)) s.speed_mps = *knots * kMetersPerSecondPerKnot;
  if (auto course = parse_decimal(field_at(f, 8), false); course && *course <= 360.0) {
    s.heading_deg = *course == 360.0 ? 0.0 : *course;
  }
  return s;
}

Sentence parse_gga(const std::vector<std::string_view>& f) {
  Sentence s;
  s.type = SentenceType::gga;
  s.utc_seconds = parse_time(field_at(f, 1));
  std::string_view quality = field_at(f, 6);
  if (quality.size() != 1 || quality[0] < '0' || quality[0] > '9') return only(SentenceType::malformed);
  if (quality[0] == '0') return s;  // fix not available
  auto lat = parse_coordinate(field_at(f, 2), field_at(f, 3), 90.0, 'N', 'S');
  auto lon = parse_coordinate(field_at(f, 4), field_at(f, 5), 180.0, 'E', 'W');
  if (!lat || !lon) return only(SentenceType::malformed);
  s.valid = true;
  s.latitude = *lat;
  s.longitude = *lon;
  std::string_view unit = field_at(f, 10);
  if (unit.empty() || unit == "M") {
    if (auto alt = parse_decimal(field_at(f, 9), true)) s.altitude_m = *alt;
  }
  return s;
}

}  // namespace

const char* to_string(SentenceType type) {
  switch (type) {
    case SentenceType::rmc: return "RMC";
    case SentenceType::gga: return "GGA";
    case SentenceType::other: return "other";
    case SentenceType::bad_checksum: return "bad checksum";
    case SentenceType::malformed: return "malformed";
    case SentenceType::empty: return "empty";
  }
  return "?";
}

unsigned char checksum(std::string_view body) {
  unsigned char sum = 0;
  for (char c : body) sum ^= static_cast<unsigned char>(c);
  return sum;
}

Sentence parse_sentence(std::string_view line) noexcept {
  try {
    line = trim(line);
    if (line.empty()) return only(SentenceType::empty);
    // Serial noise or a truncated sentence may precede the real one: the last '$' starts it.
    std::size_t dollar = line.rfind('$');
    if (dollar == std::string_view::npos) return only(SentenceType::malformed);
    std::string_view sentence = line.substr(dollar + 1);
    std::size_t star = sentence.find('*');
    if (star == std::string_view::npos || sentence.size() != star + 3) return only(SentenceType::bad_checksum);
    int hi = hex_value(sentence[star + 1]), lo = hex_value(sentence[star + 2]);
    std::string_view body = sentence.substr(0, star);
    if (hi < 0 || lo < 0 || checksum(body) != static_cast<unsigned char>(hi * 16 + lo)) {
      return only(SentenceType::bad_checksum);
    }
    auto fields = split_fields(body);
    std::string_view address = fields[0];
    // Talker (2 letters: GP, GN, GL, GA, BD...) then the sentence formatter.
    if (address.size() == 5 && address[0] != 'P') {
      std::string_view formatter = address.substr(2);
      if (formatter == "RMC") return parse_rmc(fields);
      if (formatter == "GGA") return parse_gga(fields);
    }
    if (address.empty()) return only(SentenceType::malformed);
    return only(SentenceType::other);
  } catch (...) {  // only std::bad_alloc can get here
    return only(SentenceType::malformed);
  }
}

bool FixAccumulator::apply(const Sentence& s) {
  if (s.type != SentenceType::rmc && s.type != SentenceType::gga) return false;
  if (!s.valid) {
    GpsFix none;
    none.source = fix_.source;
    fix_ = none;
    return true;
  }
  if (!fix_.has_fix) {
    // A new fix: nothing from before the loss is carried over.
    fix_.altitude_m.reset();
    fix_.speed_mps.reset();
    fix_.heading_deg.reset();
  }
  fix_.has_fix = true;
  fix_.latitude = s.latitude;
  fix_.longitude = s.longitude;
  if (s.type == SentenceType::rmc) {
    fix_.speed_mps = s.speed_mps;
    fix_.heading_deg = s.heading_deg;
  } else {
    fix_.altitude_m = s.altitude_m;
  }
  return true;
}

std::chrono::milliseconds ReplayPacer::delay_before(const Sentence& s) {
  using std::chrono::milliseconds;
  if (s.type != SentenceType::rmc && s.type != SentenceType::gga) return milliseconds(0);
  bool repeated = s.type == SentenceType::rmc ? seen_rmc_ : seen_gga_;
  milliseconds delay(0);
  bool new_group = false;
  if (!started_) {
    started_ = true;
  } else if (s.utc_seconds && group_time_ && std::abs(*s.utc_seconds - *group_time_) > 1e-3) {
    new_group = true;
    // Across midnight the time of day wraps; a log going backwards otherwise is capped below.
    double delta = std::fmod(*s.utc_seconds - *group_time_ + 86400.0, 86400.0);
    delay = std::min(cap_, milliseconds(static_cast<long long>(std::llround(delta * 1000.0))));
  } else if (repeated) {
    new_group = true;
    delay = fallback_;
  }
  if (new_group) {
    seen_rmc_ = seen_gga_ = false;
    group_time_.reset();
  }
  if (!group_time_ && s.utc_seconds) group_time_ = s.utc_seconds;
  (s.type == SentenceType::rmc ? seen_rmc_ : seen_gga_) = true;
  return delay;
}

}  // namespace platebus::capture::nmea
