// The host publishes neutral LifecycleEvents on bus.lifecycle_topic and the audit plugin decides
// what to keep: through the real host and the real plugin, a reload applied and a reload refused
// become config.reload records (outcome allowed and refused), and instance starts and stops do not.
#define BOOST_TEST_MODULE audit_lifecycle
#define BOOST_TEST_DYN_LINK
#include <boost/test/unit_test.hpp>

#include "audit_store.hpp"
#include "runtime/host.hpp"
#include "test_support.hpp"

using namespace platebus;
using namespace platebus::host;
using namespace platebus::test;

namespace {

std::string audit_deployment(const TempDir& dir) {
  const auto d = dir.path().string();
  return "plugin_path: [" PLATEBUS_AUDIT_TEST_PLUGIN_DIR "]\nbus: {lifecycle_topic: lifecycle}\ninstances:\n"
         "  - id: audit\n    use: audit\n    config: {database: " + d + "/db, checkpoint_folder: " + d +
         "/checkpoints, signing_key: " + d + "/keys/signing.key}\n"
         "    subscribe: {events: audit, lifecycle: lifecycle}\n    serve: {audit: audit}\n";
}

std::vector<nlohmann::json> records_of(const std::filesystem::path& folder, const std::string& category) {
  std::vector<nlohmann::json> found;
  audit::AuditStore store(folder);
  store.for_each_record([&](const nlohmann::json& record) {
    if (record["category"] == category) found.push_back(record);
    return true;
  });
  return found;
}

}  // namespace

BOOST_AUTO_TEST_CASE(reloads_applied_and_refused_are_recorded_from_the_hosts_lifecycle_events) {
  TempDir dir;
  const auto file = write_file(dir / "d.yaml", audit_deployment(dir));
  {
    Host host;
    Diagnostics started;
    BOOST_REQUIRE_MESSAGE(host.start(file, started), started.to_string());
    Diagnostics applied;
    BOOST_REQUIRE(host.reload(file, applied));
    write_file(file, "instances: [oops\n");
    Diagnostics refused;
    BOOST_TEST(!host.reload(file, refused));
    host.stop();  // drains the audit instance's input first
  }
  const auto reloads = records_of(dir / "db", "config.reload");
  BOOST_REQUIRE_EQUAL(reloads.size(), 2u);
  BOOST_TEST(reloads[0]["outcome"] == "allowed");
  BOOST_TEST(reloads[0]["target"] == file.string());
  BOOST_TEST(reloads[0]["detail"] == "0 instance(s) started, 1 kept running");
  BOOST_TEST(reloads[1]["outcome"] == "refused");
  BOOST_TEST(reloads[1]["detail"].get<std::string>().find("the file has errors") != std::string::npos);
  for (const auto& record : reloads) {
    BOOST_TEST(record["actor"]["user"] == "system", record.dump());
    BOOST_TEST(record["emitted_by"] == "instance:platebus", record.dump());
  }
  // Starts and stops of instances are the host's business, not the policy's: nothing else was recorded.
  std::size_t all = 0;
  audit::AuditStore store(dir / "db");
  store.for_each_record([&](const nlohmann::json& record) {
    all += record["category"] != "audit.access" ? 1 : 0;
    return true;
  });
  BOOST_TEST(all == 2u);
}
