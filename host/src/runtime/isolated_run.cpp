#include "runtime/isolated_run.hpp"

#include <csignal>
#include <sys/wait.h>
#include <thread>

#include <fmt/format.h>

#include "runtime/child_process.hpp"
#include "runtime/logging.hpp"

namespace platebus::host {

namespace {
// The longest one receive waits in the host before answering "none": the child asks again.
constexpr std::chrono::milliseconds kLongestReceive{1000};
// How often the serving threads look up from their sockets to see whether the child has ended.
constexpr int kPollMs = 100;

std::atomic<std::uint64_t> channel_counter{0};

isolation::Frames error_frames(const std::string& text) { return isolation::frames_of({isolation::kError, text}); }
}  // namespace

IsolatedRun::IsolatedRun(InstanceContext& context, const InstanceConfig& config, const PluginLibrary& plugin,
                         const IsolationAccess& access, std::chrono::milliseconds stop_grace)
    : context_(context), config_(config), plugin_(plugin), access_(access), stop_grace_(stop_grace) {}

zmq::socket_t IsolatedRun::bind(const std::string& endpoint) {
  zmq::socket_t socket(zmq_, zmq::socket_type::rep);
  socket.set(zmq::sockopt::linger, 0);
  socket.set(zmq::sockopt::rcvtimeo, kPollMs);
  socket.set(zmq::sockopt::sndtimeo, 1000);
  socket.bind(endpoint);
  return socket;
}

std::string IsolatedRun::run(bool& config_error) {
  // Short names: a socket path must fit in 107 bytes, whatever the instance id.
  const auto prefix = fmt::format("ipc://{}/i{}", access_.folder.string(), ++channel_counter);
  std::vector<std::thread> servers;  // one per channel: a call may wait while publishes go on
  pid_t pid = -1;
  try {
    servers.emplace_back(&IsolatedRun::serve, this, bind(isolation::publish_endpoint(prefix)),
                         &IsolatedRun::answer_publish);
    servers.emplace_back(&IsolatedRun::serve, this, bind(isolation::receive_endpoint(prefix)),
                         &IsolatedRun::answer_next);
    servers.emplace_back(&IsolatedRun::serve, this, bind(isolation::call_endpoint(prefix)), &IsolatedRun::answer_call);
    servers.emplace_back(&IsolatedRun::serve, this, bind(isolation::reply_endpoint(prefix)),
                         &IsolatedRun::answer_reply);
    pid = spawn_child({access_.runner.string(), "isolated-instance", "--instance", config_.id, "--channel", prefix});
  } catch (const std::exception& e) {
    end_serving(servers, prefix);
    return fmt::format("cannot start its process: {}", e.what());
  }
  auto& logger = *context_.logger();
  logger.debug("running in process {} ({})", pid, access_.runner.string());
  const int status = wait_for_child(pid, [this] { return context_.stopping(); }, stop_grace_, [&] {
    logger.warn("its process {} did not stop within {} ms of SIGTERM; killing it", pid, stop_grace_.count());
  });
  end_serving(servers, prefix);
  // Ended by the signals the host sent to stop it: a stop, not a failure.
  if (context_.stopping() && WIFSIGNALED(status) && (WTERMSIG(status) == SIGTERM || WTERMSIG(status) == SIGKILL))
    return "";
  std::lock_guard lock(mutex_);
  const bool clean_exit = WIFEXITED(status) && WEXITSTATUS(status) == 0;
  if (outcome_ && (clean_exit || !outcome_->failure.empty())) {
    config_error = outcome_->config_error;
    return outcome_->failure;
  }
  if (!handed_topic_.empty()) {
    context_.count_drop(handed_topic_);
    logger.warn("the message on '{}' it was handling when its process died is lost (counted as a drop)",
                handed_topic_);
  }
  return describe_child_end(pid, status);
}

void IsolatedRun::end_serving(std::vector<std::thread>& servers, const std::string& prefix) {
  done_ = true;
  for (auto& server : servers) server.join();
  std::error_code ignored;
  for (const auto& endpoint : {isolation::publish_endpoint(prefix), isolation::receive_endpoint(prefix),
                               isolation::call_endpoint(prefix), isolation::reply_endpoint(prefix)})
    std::filesystem::remove(endpoint.substr(std::string_view("ipc://").size()), ignored);
}

std::string IsolatedRun::hello() const {
  nlohmann::json published = nlohmann::json::array();
  for (const auto& binding : config_.publish) published.push_back(binding.port);
  const nlohmann::json hello = {{"instance", config_.id},       {"library", plugin_.file.string()},
                                {"plugin", plugin_.name()},     {"settings", config_.settings},
                                {"published", published},       {"log_format", current_log_format()},
                                {"log_level", current_log_level()}};
  return hello.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

void IsolatedRun::serve(zmq::socket_t socket, isolation::Frames (IsolatedRun::*answer)(isolation::Frames&&)) {
  while (!done_) {
    auto request = isolation::receive_frames(socket);
    if (request) isolation::send_frames(socket, (this->*answer)(std::move(*request)));
  }
}

isolation::Frames IsolatedRun::answer_publish(isolation::Frames&& request) {
  const auto kind = request.empty() ? std::string() : request[0].to_string();
  if (kind == isolation::kHello) return isolation::frames_of({isolation::kOk, hello()});
  try {
    if (kind == isolation::kPublish && request.size() >= 3) {
      const auto port = request[1].to_string();
      context_.publish(port, isolation::message_from(std::move(request), 1));
      return isolation::frames_of({isolation::kOk});
    }
    if (kind == isolation::kWork && request.size() == 2) {
      request[1].to_string_view() == "begin" ? context_.begin_work() : context_.end_work();
      return isolation::frames_of({isolation::kOk});
    }
    if (kind == isolation::kOutcome && request.size() == 2) {
      const auto outcome = nlohmann::json::parse(request[1].to_string_view());
      std::lock_guard lock(mutex_);
      outcome_ = Outcome{outcome.value("failure", std::string()), outcome.value("config_error", false)};
      return isolation::frames_of({isolation::kOk});
    }
  } catch (const std::exception& e) {
    return error_frames(e.what());
  }
  return error_frames(fmt::format("'{}' is not a request this host answers on an isolation channel", kind));
}

isolation::Frames IsolatedRun::answer_next(isolation::Frames&& request) {
  if (request.size() != 2 || request[0].to_string_view() != isolation::kNext)
    return error_frames("the receive channel takes [\"next\", TIMEOUT_MS]");
  handed_topic_.clear();  // it asks again: it is done with the last one
  std::chrono::milliseconds timeout{0};
  try {
    timeout = std::min(kLongestReceive, std::chrono::milliseconds(std::stoll(request[1].to_string())));
  } catch (const std::exception&) {
    return error_frames("TIMEOUT_MS must be a whole number of milliseconds");
  }
  auto message = context_.receive(std::max(timeout, std::chrono::milliseconds(0)));
  if (!message) return isolation::frames_of({isolation::kNone});
  handed_topic_ = message->topic;
  if (message->is_request()) {
    std::lock_guard lock(mutex_);
    handed_requests_.insert(message->request_id);
  }
  return isolation::message_frames({isolation::kMessage, message->port, message->request_id, message->topic}, *message);
}

isolation::Frames IsolatedRun::answer_reply(isolation::Frames&& request) {
  // Only a request this child was handed: a made-up id must not answer another instance's call.
  const auto id = request.size() > 1 ? request[1].to_string() : std::string();
  {
    std::lock_guard lock(mutex_);
    if (request.size() < 2 || request[0].to_string_view() != isolation::kReply || handed_requests_.erase(id) == 0)
      return error_frames("reply() takes a request that receive() delivered on a serve port, answered once");
  }
  try {
    Message answered;
    answered.request_id = id;
    context_.reply(answered, isolation::reply_from(std::move(request), 2));
  } catch (const std::exception& e) {
    return error_frames(e.what());
  }
  return isolation::frames_of({isolation::kOk});
}

isolation::Frames IsolatedRun::answer_call(isolation::Frames&& request) {
  try {
    if (request.size() < 4 || request[0].to_string_view() != isolation::kCall)
      return error_frames("the call channel takes [\"call\", DEADLINE_MS, PORT, HEADER, PART...]");
    const auto deadline = std::chrono::milliseconds(std::max(0LL, std::stoll(request[1].to_string())));
    auto message = isolation::message_from(std::move(request), 2);
    const auto port = std::move(message.topic);
    return isolation::reply_frames({isolation::kReply}, context_.call(port, std::move(message), deadline));
  } catch (const std::exception& e) {
    return error_frames(e.what());
  }
}

}  // namespace platebus::host
