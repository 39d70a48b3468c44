#pragma once
// One life of an isolated instance: its plugin runs in a child process (`platebus isolated-instance`)
// while the instance's context stays here. The host serves the child's publishes, receives, calls
// and replies over
// a private channel (isolation_channel.hpp), so flow control, topics and stamps are the host's as
// for any instance: a lossless publish returns in the child only once the host has published it.
#include <atomic>
#include <filesystem>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "runtime/instance_context.hpp"
#include "runtime/isolation_channel.hpp"

namespace platebus::host {

struct IsolationAccess {
  std::filesystem::path runner;  // the platebus executable, run as `RUNNER isolated-instance`
  std::filesystem::path folder;  // mode 0700: the channel sockets live here
};

class IsolatedRun {
 public:
  IsolatedRun(InstanceContext& context, const InstanceConfig& config, const PluginLibrary& plugin,
              const IsolationAccess& access, std::chrono::milliseconds stop_grace);
  // Runs the child to its end. Returns "" when its plugin's run() returned, or what failed: the
  // plugin's own failure text, or how its process died. `config_error` as for in-process instances.
  std::string run(bool& config_error);

 private:
  struct Outcome {
    std::string failure;
    bool config_error = false;
  };
  // Answers requests on `socket` (its own thread's) until the child has ended.
  void serve(zmq::socket_t socket, isolation::Frames (IsolatedRun::*answer)(isolation::Frames&&));
  isolation::Frames answer_publish(isolation::Frames&& request);
  isolation::Frames answer_next(isolation::Frames&& request);
  isolation::Frames answer_call(isolation::Frames&& request);
  isolation::Frames answer_reply(isolation::Frames&& request);
  std::string hello() const;
  // Stops the serving threads (the child has ended) and removes the channel's socket files.
  void end_serving(std::vector<std::thread>& servers, const std::string& prefix);
  zmq::socket_t bind(const std::string& endpoint);

  InstanceContext& context_;
  const InstanceConfig& config_;
  const PluginLibrary& plugin_;
  IsolationAccess access_;
  std::chrono::milliseconds stop_grace_;
  zmq::context_t zmq_{1};
  std::atomic<bool> done_{false};
  std::mutex mutex_;
  std::optional<Outcome> outcome_;  // guarded by mutex_
  std::string handed_topic_;        // receive thread: a message the child has not asked past yet
  std::set<std::string> handed_requests_;  // guarded by mutex_: requests the child may answer
};

}  // namespace platebus::host
