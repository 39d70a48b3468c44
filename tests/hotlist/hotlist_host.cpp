#include "hotlist_host.hpp"

#include <fstream>
#include <stdexcept>

#include <boost/test/unit_test.hpp>
#include <fmt/format.h>

namespace hotlist_test {

using namespace platebus::test;
using namespace std::chrono_literals;

HotlistHost::HotlistHost(const std::string& plugin_config) : plugin_config_(plugin_config) {
  fs::create_directories(dir_ / "driver");
}

HotlistHost::~HotlistHost() { stop(); }

void HotlistHost::start() {
  const auto yaml = fmt::format(
      "plugin_path: [{}]\ninstances:\n"
      "  - id: hotlist\n    use: match.hotlist\n    config: {{{}database: {}}}\n"
      "    subscribe: {{reads: reads}}\n    publish: {{hits: hits, audit: audit}}\n    serve: {{hotlist: hotlist}}\n"
      "  - id: driver\n    use: test.hotlist_driver\n    config: {{folder: {}}}\n"
      "    publish: {{reads: reads}}\n    subscribe: {{hits: hits, audit: audit}}\n    call: {{hotlist: hotlist}}\n",
      PLATEBUS_HOTLIST_TEST_PLUGIN_DIR, plugin_config_, database().string(), (dir_ / "driver").string());
  const auto file = write_file(dir_ / "deployment.yaml", yaml);
  platebus::host::Diagnostics diagnostics;
  BOOST_REQUIRE_MESSAGE(host_.start(file, diagnostics), diagnostics.to_string());
  running_ = true;
}

void HotlistHost::stop() {
  if (running_) host_.stop();
  running_ = false;
}

nlohmann::json HotlistHost::exchange(const nlohmann::json& request) {
  const auto name = fmt::format("{:04}", ++next_request_);
  const auto temporary = dir_ / "driver" / (name + ".tmp");
  std::ofstream(temporary) << request.dump();
  fs::rename(temporary, dir_ / "driver" / (name + ".req"));
  const auto reply = dir_ / "driver" / (name + ".rep");
  if (!wait_until([&] { return fs::exists(reply); }, 15s))
    throw std::runtime_error("the driver did not answer request " + name + ": " + request.dump());
  return nlohmann::json::parse(read_file(reply));
}

ServiceAnswer HotlistHost::call(nlohmann::json request, const std::string& user,
                                const std::vector<std::string>& roles) {
  request["actor"] = {{"user", user}, {"roles", roles}, {"session", "s-test"}, {"client", "127.0.0.1:5000"}};
  const auto reply = exchange({{"action", "call"}, {"request", request}});
  return {reply.at("status").get<std::string>(), reply.at("error").get<std::string>(), reply.at("reply")};
}

platebus::Timestamp HotlistHost::publish(const std::string& read_id, const std::string& text,
                                         const std::vector<std::string>& alternatives) {
  const auto reply = exchange(
      {{"action", "publish"}, {"read", {{"read_id", read_id}, {"text", text}, {"alternatives", alternatives}}}});
  return platebus::parse_iso8601(reply.at("captured_at").get<std::string>());
}

std::vector<nlohmann::json> HotlistHost::hits() const {
  std::vector<nlohmann::json> hits;
  const auto file = dir_ / "driver" / "hits.jsonl";
  if (!fs::exists(file)) return hits;
  for (const auto& line : read_lines(file)) {
    auto hit = nlohmann::json::parse(line, nullptr, false);  // the last line may still be half written
    if (!hit.is_discarded()) hits.push_back(std::move(hit));
  }
  return hits;
}

std::vector<nlohmann::json> HotlistHost::audit_events() const {
  std::vector<nlohmann::json> events;
  const auto file = dir_ / "driver" / "audit.jsonl";
  if (!fs::exists(file)) return events;
  for (const auto& line : read_lines(file)) {
    auto event = nlohmann::json::parse(line, nullptr, false);
    if (!event.is_discarded()) events.push_back(std::move(event));
  }
  return events;
}

std::vector<nlohmann::json> HotlistHost::wait_for_hits(std::size_t count, std::chrono::milliseconds timeout) {
  wait_until([&] { return hits().size() >= count; }, timeout);
  return hits();
}

}  // namespace hotlist_test
