#pragma once
// match.hotlist through the real host, in-process: the plugin on an LMDB folder, and the
// test.hotlist_driver plugin that publishes reads, calls the `hotlist` service and records hits.
#include <chrono>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "platebus/time.hpp"
#include "runtime/host.hpp"
#include "test_support.hpp"

namespace hotlist_test {

struct ServiceAnswer {
  std::string status;  // "ok", "invalid", "denied" ...
  std::string error;
  nlohmann::json reply;
};

class HotlistHost {
 public:
  // `plugin_config`: extra "key: value, " entries for match.hotlist's config.
  explicit HotlistHost(const std::string& plugin_config = "");
  ~HotlistHost();

  // Where the plugin keeps its LMDB database; seed it before start() (one environment per process).
  std::filesystem::path database() const { return dir_ / "db"; }
  void start();
  void stop();

  // Calls the service as `user` holding `roles` with `request` (its "type" included).
  ServiceAnswer call(nlohmann::json request, const std::string& user = "ofc.nguyen",
                     const std::vector<std::string>& roles = {"officer"});
  // Publishes a PlateRead; returns its capture time.
  platebus::Timestamp publish(const std::string& read_id, const std::string& text,
                              const std::vector<std::string>& alternatives = {});
  // Every Hit received so far: {"arrived_at", "header", "part_sizes"}.
  std::vector<nlohmann::json> hits() const;
  // Every AuditEvent the plugin published (headers).
  std::vector<nlohmann::json> audit_events() const;
  // Waits until at least `count` hits arrived; returns them.
  std::vector<nlohmann::json> wait_for_hits(std::size_t count, std::chrono::milliseconds timeout = std::chrono::seconds(5));

 private:
  nlohmann::json exchange(const nlohmann::json& request);

  platebus::test::TempDir dir_;
  std::string plugin_config_;
  platebus::host::Host host_;
  bool running_ = false;
  int next_request_ = 0;
};

}  // namespace hotlist_test
