#include "platebus/plate_read.hpp"

#include <limits>

#include "typed_fields.hpp"

namespace platebus {

namespace {
nlohmann::json read_fields(const PlateRead& read) {
  nlohmann::json alternatives = nlohmann::json::array();
  for (const auto& a : read.alternatives) alternatives.push_back({{"text", a.text}, {"confidence", a.confidence}});
  nlohmann::json corners = nlohmann::json::array();
  for (const auto& p : read.corners) corners.push_back({p.x, p.y});
  return {{"read_id", read.read_id},         {"camera", read.camera},
          {"text", read.text},               {"confidence", read.confidence},
          {"alternatives", alternatives},    {"corners", corners},
          {"region", read.region},           {"captured_at", to_iso8601(read.captured_at)},
          {"gps", read.gps.to_json()},       {"processing_ms", read.processing_ms},
          {"revision", read.revision},       {"final", read.final}};
}

void fill_read(PlateRead& read, const Message& message) {
  read.read_id = detail::read_field<std::string>(message, "read_id");
  read.camera = detail::read_field<std::string>(message, "camera");
  read.text = detail::read_field<std::string>(message, "text");
  read.confidence = detail::read_field<double>(message, "confidence");
  read.region = detail::read_optional<std::string>(message, "region", "");
  read.captured_at = detail::read_time(message, "captured_at");
  read.gps = GpsFix::from_json(required_field(message, "gps"));
  read.processing_ms = detail::read_optional<double>(message, "processing_ms", 0.0);
  read.revision = static_cast<int>(detail::read_count(message, "revision", std::numeric_limits<int>::max()));
  read.final = detail::read_optional<bool>(message, "final", false);
  read.file = detail::read_optional<std::string>(message, "file", "");
  const auto alternatives = message.header.value("alternatives", nlohmann::json::array());
  const auto corners = message.header.value("corners", nlohmann::json::array());
  const auto what = fmt::format("PlateRead from '{}'", message.source());
  detail::expect_at_most(alternatives, PlateRead::kMaxAlternatives, what, "alternatives");
  detail::expect_at_most(corners, PlateRead::kMaxCorners, what, "corners");
  try {
    for (const auto& a : alternatives)
      read.alternatives.push_back({a.at("text").get<std::string>(), a.at("confidence").get<double>()});
    for (const auto& p : corners)
      read.corners.push_back({p.at(0).get<double>(), p.at(1).get<double>()});
  } catch (const nlohmann::json::exception& e) {
    throw MessageError("PlateRead from '" + message.source() + "': malformed alternatives or corners: " + e.what());
  }
  read.plate_crop = find_image(message, "plate_crop");
  read.overview = find_image(message, "overview");
}
}  // namespace

Message PlateRead::to_message() const {
  Message message;
  message.header = read_fields(*this);
  message.header[field::type] = kType;
  if (!file.empty()) message.header["file"] = file;
  attach_image(message, "plate_crop", plate_crop);
  attach_image(message, "overview", overview);
  return message;
}

PlateRead PlateRead::from_message(const Message& message) {
  detail::expect_type(message, kType);
  PlateRead read;
  fill_read(read, message);
  return read;
}

}  // namespace platebus
