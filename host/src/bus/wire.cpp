#include "bus/wire.hpp"

#include <fmt/format.h>

#include "platebus/json_limits.hpp"

namespace platebus::host {

namespace {
// Held by ZeroMQ for each zero-copy part; the owner goes first, then the code it may need.
struct PartHold {
  std::shared_ptr<const void> owner;
  std::shared_ptr<const void> keepalive;
};

void release_part(void*, void* hint) {
  auto* hold = static_cast<PartHold*>(hint);
  hold->owner.reset();
  delete hold;
}
}  // namespace

std::vector<zmq::message_t> encode_parts(const Message& message, std::shared_ptr<const void> keepalive) {
  std::vector<zmq::message_t> parts;
  parts.reserve(message.parts.size());
  for (const auto& part : message.parts) {
    auto* hold = new PartHold{part.owner, keepalive};
    parts.emplace_back(const_cast<std::byte*>(part.data), part.size, &release_part, hold);
  }
  return parts;
}

std::vector<zmq::message_t> encode_message(const std::string& topic, const Message& message,
                                           std::shared_ptr<const void> keepalive) {
  std::vector<zmq::message_t> frames;
  frames.reserve(2 + message.parts.size());
  frames.emplace_back(topic.data(), topic.size());
  const std::string header = message.header.dump();
  frames.emplace_back(header.data(), header.size());
  for (auto& part : encode_parts(message, std::move(keepalive))) frames.push_back(std::move(part));
  return frames;
}

zmq::send_result_t send_message(zmq::socket_t& socket, const std::string& topic, const Message& message,
                                zmq::send_flags flags, std::shared_ptr<const void> keepalive) {
  auto frames = encode_message(topic, message, std::move(keepalive));
  zmq::send_result_t result;
  for (std::size_t i = 0; i < frames.size(); ++i) {
    // Only with dontwait can a send fail; ZeroMQ then drops the partial message as a whole.
    result = socket.send(frames[i], i + 1 < frames.size() ? flags | zmq::send_flags::sndmore : flags);
    if (!result) return result;
  }
  return result;
}

Message decode_message(std::vector<zmq::message_t>&& frames) {
  if (frames.size() < 2) {
    throw MessageError(fmt::format("a bus message needs a topic frame and a JSON header frame; got {} frame(s)",
                                   frames.size()));
  }
  Message message;
  message.topic = frames[0].to_string();
  if (frames[1].size() > kMaxHeaderBytes) {
    throw MessageError(fmt::format("message on topic '{}': its header of {} bytes is larger than {} KiB; send "
                                   "bulk data as a binary part",
                                   message.topic, frames[1].size(), kMaxHeaderBytes >> 10));
  }
  if (frames.size() - 2 > kMaxMessageParts) {
    throw MessageError(fmt::format("message on topic '{}' carries more than {} binary parts ({})", message.topic,
                                   kMaxMessageParts, frames.size() - 2));
  }
  try {
    message.header = parse_json_within(frames[1].to_string_view(), {.max_depth = kMaxHeaderDepth});
  } catch (const nlohmann::json::parse_error& e) {
    throw MessageError(fmt::format("message on topic '{}': header is not JSON: {}", message.topic, e.what()));
  } catch (const JsonLimitError& e) {
    throw MessageError(fmt::format("message on topic '{}': header {}", message.topic, e.what()));
  }
  if (!message.header.is_object()) {
    throw MessageError(fmt::format("message on topic '{}': header must be a JSON object", message.topic));
  }
  const auto described = message.header.find(field::parts);
  const std::size_t binary = frames.size() - 2;
  if (described != message.header.end() && described->is_array() && described->size() != binary) {
    throw MessageError(fmt::format("{} message from '{}' on topic '{}': header describes {} part(s) but {} arrived",
                                   message.type(), message.source(), message.topic, described->size(), binary));
  }
  message.parts.reserve(binary);
  for (std::size_t i = 2; i < frames.size(); ++i) {
    // Move the frame to the heap first: small frames keep their bytes inside the message object.
    auto held = std::make_shared<zmq::message_t>(std::move(frames[i]));
    Blob blob;
    blob.data = static_cast<const std::byte*>(held->data());
    blob.size = held->size();
    blob.owner = std::move(held);
    message.parts.push_back(std::move(blob));
  }
  return message;
}

std::optional<Message> receive_message(zmq::socket_t& socket) {
  std::vector<zmq::message_t> frames;
  zmq::message_t frame;
  if (!socket.recv(frame, zmq::recv_flags::dontwait)) return std::nullopt;
  frames.push_back(std::move(frame));
  while (frames.back().more()) {
    zmq::message_t next;
    (void)socket.recv(next);  // the rest of a multipart message is already here: ZeroMQ delivers it whole
    frames.push_back(std::move(next));
  }
  return decode_message(std::move(frames));
}

}  // namespace platebus::host
