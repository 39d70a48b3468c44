#include "bus/zap_handler.hpp"

#include <vector>

namespace platebus::host {

namespace {
// ZAP request frames: version, request id, domain, address, identity, mechanism, credentials...
constexpr std::size_t kAddressFrame = 3;
constexpr std::size_t kMechanismFrame = 5;
constexpr std::size_t kCredentialsFrame = 6;
}  // namespace

ZapHandler::ZapHandler(zmq::context_t& context, std::map<std::string, std::string> allowed)
    : allowed_(std::move(allowed)), socket_(context, zmq::socket_type::rep) {
  socket_.set(zmq::sockopt::linger, 0);
  socket_.bind("inproc://zeromq.zap.01");
}

std::string ZapHandler::answer_one() {
  std::vector<zmq::message_t> frames;
  zmq::message_t frame;
  while (socket_.recv(frame, zmq::recv_flags::dontwait)) {
    const bool more = frame.more();
    frames.push_back(std::move(frame));
    if (!more) break;
  }
  if (frames.empty()) return "";
  std::string name;
  if (frames.size() > kCredentialsFrame && frames[kMechanismFrame].to_string() == "CURVE") {
    if (const auto it = allowed_.find(frames[kCredentialsFrame].to_string()); it != allowed_.end()) name = it->second;
  }
  const std::string request_id = frames.size() > 1 ? frames[1].to_string() : "";
  const std::string replies[] = {"1.0", request_id, name.empty() ? "400" : "200",
                                 name.empty() ? "key not allowed" : "OK", name, ""};
  for (std::size_t i = 0; i < std::size(replies); ++i)
    socket_.send(zmq::buffer(replies[i]), i + 1 < std::size(replies) ? zmq::send_flags::sndmore : zmq::send_flags::none);
  if (!name.empty()) return "";
  return frames.size() > kAddressFrame ? frames[kAddressFrame].to_string() : "an unknown address";
}

}  // namespace platebus::host
