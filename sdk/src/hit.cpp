#include "platebus/hit.hpp"

#include "typed_fields.hpp"

namespace platebus {

Message Hit::to_message() const {
  // The read's fields and pictures travel as they do in a PlateRead, under "read".
  Message message = read.to_message();
  nlohmann::json read_header = std::move(message.header);
  read_header.erase(field::type);
  message.header = {{field::type, kType},
                    {"hit_id", hit_id},
                    {"match_kind", match_kind},
                    {"matched_text", matched_text},
                    {"notice", notice},
                    {"hot_plate",
                     {{"plate", hot_plate.plate},
                      {"state", hot_plate.state},
                      {"category", hot_plate.category},
                      {"reason", hot_plate.reason},
                      {"list", hot_plate.list},
                      {"case_number", hot_plate.case_number},
                      {"priority", hot_plate.priority},
                      {"vehicle",
                       {{"make", hot_plate.vehicle.make},
                        {"model", hot_plate.vehicle.model},
                        {"colour", hot_plate.vehicle.colour}}},
                      {"expires", hot_plate.expires},
                      {"added_by", hot_plate.added_by}}},
                    {field::parts, read_header.value(field::parts, nlohmann::json::array())}};
  read_header.erase(field::parts);
  message.header["read"] = std::move(read_header);
  return message;
}

Hit Hit::from_message(const Message& message) {
  detail::expect_type(message, kType);
  Hit hit;
  hit.hit_id = detail::read_field<std::string>(message, "hit_id");
  hit.match_kind = detail::read_field<std::string>(message, "match_kind");
  hit.matched_text = detail::read_optional<std::string>(message, "matched_text", "");
  hit.notice = detail::read_optional<std::string>(message, "notice", "");
  const auto& entry = required_field(message, "hot_plate");
  try {
    auto& plate = hit.hot_plate;
    plate.plate = entry.at("plate").get<std::string>();
    plate.state = entry.value("state", "");
    plate.category = entry.at("category").get<std::string>();
    plate.reason = entry.at("reason").get<std::string>();
    plate.list = entry.value("list", "");
    plate.case_number = entry.value("case_number", "");
    plate.priority = entry.value("priority", 0);
    const auto vehicle = entry.value("vehicle", nlohmann::json::object());
    plate.vehicle = {vehicle.value("make", ""), vehicle.value("model", ""), vehicle.value("colour", "")};
    plate.expires = entry.value("expires", "");
    plate.added_by = entry.value("added_by", "");
  } catch (const nlohmann::json::exception& e) {
    throw MessageError("Hit from '" + message.source() + "': hot_plate needs plate, category and reason: " + e.what());
  }
  Message read_message;
  read_message.topic = message.topic;
  read_message.header = required_field(message, "read");
  read_message.header[field::type] = PlateRead::kType;
  read_message.header[field::source] = message.source();
  read_message.header[field::parts] = message.header.value(field::parts, nlohmann::json::array());
  read_message.parts = message.parts;
  hit.read = PlateRead::from_message(read_message);
  return hit;
}

}  // namespace platebus
