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
                    {"hot_plate",
                     {{"plate", hot_plate.plate},
                      {"state", hot_plate.state},
                      {"category", hot_plate.category},
                      {"reason", hot_plate.reason},
                      {"list", hot_plate.list},
                      {"case_number", hot_plate.case_number}}},
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
  const auto& entry = required_field(message, "hot_plate");
  try {
    hit.hot_plate = {entry.at("plate").get<std::string>(),    entry.value("state", ""),
                     entry.at("category").get<std::string>(), entry.at("reason").get<std::string>(),
                     entry.value("list", ""),                 entry.value("case_number", "")};
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
