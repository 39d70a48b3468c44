#pragma once
// The deployment the host-level accounts tests run: the accounts plugin on `db` in the test's folder,
// and test.accounts_client sending `requests` in order, writing the replies to replies.txt and the
// audit events it receives to events.txt.
#include <string>

#include <nlohmann/json.hpp>

#include "test_support.hpp"

namespace platebus::accounts::test {

inline std::string client_deployment(const platebus::test::TempDir& dir, const nlohmann::json& requests) {
  return "plugin_path: [" + platebus::test::test_plugin_dir("good").string() + ", " + PLATEBUS_ACCOUNTS_PLUGIN_DIR +
         "]\n" +
         "instances:\n"
         "  - id: accounts\n    use: accounts\n    config: {database: db}\n"
         "    serve: {accounts: accounts}\n    publish: {audit: audit}\n"
         "  - id: client\n    use: test.accounts_client\n"
         "    config: {file: " + (dir / "replies.txt").string() + ", events: " + (dir / "events.txt").string() +
         ", requests: " + requests.dump() + "}\n"
         "    call: {accounts: accounts}\n    subscribe: {audit: audit}\n";
}

}  // namespace platebus::accounts::test
