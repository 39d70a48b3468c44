#include "runtime/isolation_channel.hpp"

#include <iterator>

#include <zmq_addon.hpp>

#include "bus/wire.hpp"

namespace platebus::host::isolation {

Frames frames_of(std::initializer_list<std::string> texts) {
  Frames frames;
  for (const auto& text : texts) frames.emplace_back(text.data(), text.size());
  return frames;
}

Frames message_frames(std::initializer_list<std::string> lead, const Message& message,
                      std::shared_ptr<const void> keepalive) {
  auto frames = frames_of(lead);
  const auto header = message.header.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  frames.emplace_back(header.data(), header.size());
  for (auto& part : encode_parts(message, std::move(keepalive))) frames.push_back(std::move(part));
  return frames;
}

Message message_from(Frames&& frames, std::size_t first) {
  if (frames.size() < first) throw MessageError("a message from the other side of an isolation channel is cut short");
  Frames rest(std::make_move_iterator(frames.begin() + static_cast<std::ptrdiff_t>(first)),
              std::make_move_iterator(frames.end()));
  return decode_message(std::move(rest));
}

Frames reply_frames(std::initializer_list<std::string> lead, const Reply& reply) {
  auto frames = frames_of(lead);
  const auto status = std::to_string(static_cast<int>(reply.status));
  frames.emplace_back(status.data(), status.size());
  for (auto& frame : message_frames({reply.error}, reply.message)) frames.push_back(std::move(frame));
  return frames;
}

Reply reply_from(Frames&& frames, std::size_t first) {
  if (frames.size() < first + 3) throw MessageError("a reply on an isolation channel is cut short");
  const auto status = frames[first].to_string();
  constexpr int kLastStatus = static_cast<int>(ServiceStatus::unauthenticated);
  if (status.size() != 1 || status[0] < '0' || status[0] > '0' + kLastStatus)
    throw MessageError("a reply on an isolation channel has an unknown status '" + status + "'");
  Reply reply;
  reply.status = static_cast<ServiceStatus>(status[0] - '0');
  reply.message = message_from(std::move(frames), first + 1);
  reply.error = std::move(reply.message.topic);  // the error travels where a message's topic does
  reply.message.topic.clear();
  return reply;
}

void send_frames(zmq::socket_t& socket, Frames&& frames) {
  (void)zmq::send_multipart(socket, frames);
}

std::optional<Frames> receive_frames(zmq::socket_t& socket) {
  Frames frames;
  if (!zmq::recv_multipart(socket, std::back_inserter(frames))) return std::nullopt;
  return frames;
}

}  // namespace platebus::host::isolation
