#include "platebus/frame.hpp"

#include "typed_fields.hpp"

namespace platebus {

Message Frame::to_message() const {
  Message message;
  message.header = {{field::type, kType},
                    {"camera", camera},
                    {"sequence", sequence},
                    {"captured_at", to_iso8601(captured_at)},
                    {"gps", gps.to_json()}};
  attach_image(message, "colour", colour);
  attach_image(message, "infrared", infrared);
  return message;
}

Frame Frame::from_message(const Message& message) {
  detail::expect_type(message, kType);
  Frame frame;
  frame.camera = detail::read_field<std::string>(message, "camera");
  frame.sequence = detail::read_field<std::uint64_t>(message, "sequence");
  frame.captured_at = detail::read_time(message, "captured_at");
  frame.gps = GpsFix::from_json(required_field(message, "gps"));
  frame.colour = find_image(message, "colour");
  frame.infrared = find_image(message, "infrared");
  if (frame.colour.empty() && frame.infrared.empty()) {
    throw MessageError("Frame from '" + message.source() + "' carries neither a colour nor an infrared image");
  }
  return frame;
}

}  // namespace platebus
