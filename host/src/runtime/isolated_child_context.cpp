#include "runtime/isolated_child_context.hpp"

#include <fmt/format.h>

#include "runtime/isolation_channel.hpp"
#include "runtime/logging.hpp"

namespace platebus::host {

namespace {
// Beyond the receive timeout, how long the host may take to answer before the child gives up on it.
constexpr std::chrono::milliseconds kAnswerMargin{10'000};

zmq::socket_t connect(zmq::context_t& zmq, const std::string& endpoint) {
  zmq::socket_t socket(zmq, zmq::socket_type::req);
  socket.set(zmq::sockopt::linger, 0);
  socket.connect(endpoint);
  return socket;
}

isolation::Frames ask(zmq::socket_t& socket, isolation::Frames&& request) {
  isolation::send_frames(socket, std::move(request));
  auto answer = isolation::receive_frames(socket);
  if (!answer || answer->empty()) throw std::runtime_error("the host did not answer on the isolation channel");
  if ((*answer)[0].to_string_view() == isolation::kError)
    throw std::invalid_argument(answer->size() > 1 ? (*answer)[1].to_string() : "refused by the host");
  return std::move(*answer);
}
}  // namespace

IsolatedChildContext::IsolatedChildContext(zmq::context_t& zmq, const std::string& channel, std::string instance_id)
    : id_(std::move(instance_id)),
      publish_channel_(connect(zmq, isolation::publish_endpoint(channel))),
      receive_channel_(connect(zmq, isolation::receive_endpoint(channel))),
      zmq_(zmq),
      call_endpoint_(isolation::call_endpoint(channel)),
      call_channel_(connect(zmq, call_endpoint_)),
      reply_channel_(connect(zmq, isolation::reply_endpoint(channel))) {}

nlohmann::json IsolatedChildContext::hello() {
  std::lock_guard lock(publish_mutex_);
  publish_channel_.set(zmq::sockopt::rcvtimeo, static_cast<int>(kAnswerMargin.count()));
  auto answer = ask(publish_channel_, isolation::frames_of({isolation::kHello}));
  publish_channel_.set(zmq::sockopt::rcvtimeo, -1);  // a lossless publish waits as long as its subscribers do
  if (answer.size() != 2) throw std::runtime_error("the host's hello has no instance description");
  auto hello = nlohmann::json::parse(answer[1].to_string_view());
  settings_ = hello.at("settings");
  for (const auto& port : hello.at("published")) published_.insert(port.get<std::string>());
  return hello;
}

void IsolatedChildContext::report_outcome(const std::string& failure, bool config_error) {
  const nlohmann::json outcome = {{"failure", failure}, {"config_error", config_error}};
  std::lock_guard lock(publish_mutex_);
  ask(publish_channel_,
      isolation::frames_of({isolation::kOutcome, outcome.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace)}));
}

// The host keeps the count: its drain is what waits for it.
void IsolatedChildContext::begin_work() {
  std::lock_guard lock(publish_mutex_);
  ask(publish_channel_, isolation::frames_of({isolation::kWork, "begin"}));
}

void IsolatedChildContext::end_work() {
  std::lock_guard lock(publish_mutex_);
  ask(publish_channel_, isolation::frames_of({isolation::kWork, "end"}));
}

void IsolatedChildContext::request_stop() {
  stopping_ = true;
  sleep_wake_.notify_all();
}

void IsolatedChildContext::publish(std::string_view port, Message message) {
  // The host checks the port and the message, sets the topic and stamps the header.
  std::lock_guard lock(publish_mutex_);
  ask(publish_channel_, isolation::message_frames({isolation::kPublish, std::string(port)}, message, keepalive_));
}

std::optional<Message> IsolatedChildContext::receive(std::chrono::milliseconds timeout) {
  std::lock_guard lock(receive_mutex_);
  if (stopping_) return std::nullopt;
  receive_channel_.set(zmq::sockopt::rcvtimeo, static_cast<int>((timeout + kAnswerMargin).count()));
  auto answer = ask(receive_channel_, isolation::frames_of({isolation::kNext, std::to_string(timeout.count())}));
  if (answer[0].to_string_view() != isolation::kMessage || answer.size() < 5) return std::nullopt;
  auto port = answer[1].to_string();
  auto request_id = answer[2].to_string();
  auto message = isolation::message_from(std::move(answer), 3);
  message.port = std::move(port);
  message.request_id = std::move(request_id);
  return message;
}

bool IsolatedChildContext::sleep_for(std::chrono::milliseconds duration) {
  std::unique_lock lock(sleep_mutex_);
  return !sleep_wake_.wait_for(lock, duration, [this] { return stopping_.load(); });
}

void IsolatedChildContext::log(LogLevel level, std::string_view text) { logger_->log(to_spdlog(level), "{}", text); }

Reply IsolatedChildContext::call(std::string_view port, Message request, std::chrono::milliseconds deadline) {
  std::lock_guard lock(call_mutex_);
  call_channel_.set(zmq::sockopt::rcvtimeo, static_cast<int>((deadline + kAnswerMargin).count()));
  try {
    auto answer = ask(call_channel_, isolation::message_frames(
                                         {isolation::kCall, std::to_string(deadline.count()), std::string(port)}, request));
    return isolation::reply_from(std::move(answer), 1);
  } catch (const std::invalid_argument&) {
    throw;  // the host refused the call itself (an undeclared port): as in-process
  } catch (const std::exception& e) {
    call_channel_ = connect(zmq_, call_endpoint_);  // a REQ socket that missed its answer is stuck
    return Reply::failure(ServiceStatus::unavailable, fmt::format("the host did not answer the call: {}", e.what()));
  }
}

void IsolatedChildContext::reply(const Message& request, Reply reply) {
  if (!request.is_request())
    throw std::invalid_argument("reply() takes a request that receive() delivered on a serve port");
  std::lock_guard lock(reply_mutex_);
  ask(reply_channel_, isolation::reply_frames({isolation::kReply, request.request_id}, reply));
}

}  // namespace platebus::host
