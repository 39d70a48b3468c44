#pragma once
// What the accounts tests share: a real LMDB store in a temporary folder, real libsodium (at its
// lowest Argon2id cost, so hundreds of hashes stay fast), and a clock the test moves by hand.
#include <memory>
#include <string>

#include "accounts.hpp"
#include "accounts_service.hpp"
#include "test_support.hpp"

namespace platebus::accounts::test {

using namespace std::chrono_literals;

// 2027-03-01T09:00:00Z: a fixed "now" the tests move forward.
inline Timestamp test_start() { return start_of(*parse_iso_date("2027-03-01")) + 9h; }

inline Date day(const char* text) { return *parse_iso_date(text); }

struct TestClock {
  Timestamp now = test_start();
  Clock clock() {
    return [this] { return now; };
  }
};

// The policy's banned words for these tests (the real plugin reads cracklib-small).
inline PasswordPolicy test_policy() { return PasswordPolicy({"password", "sunshine", "dragon"}); }

struct AccountsFixture {
  platebus::test::TempDir dir;
  TestClock time;
  AccountSettings settings = [] {
    AccountSettings s;
    s.database = "unused";
    return s;
  }();
  std::unique_ptr<AccountStore> store = std::make_unique<AccountStore>(dir / "db");
  std::unique_ptr<Accounts> accounts = make_accounts();
  AccountsService service{*accounts};

  std::unique_ptr<Accounts> make_accounts() {
    return std::make_unique<Accounts>(*store, test_policy(), settings, time.clock(), HashCost::minimum());
  }

  // A valid account; sworn roles get a clearance valid for a year.
  Account add(const std::string& user, std::vector<std::string> roles, const std::string& password = "a long enough passphrase") {
    NewAccount wanted{user, std::move(roles), password, "", day("2028-03-01")};
    return accounts->add(wanted, "boss");
  }

  // A service request with `type`, the given fields, and `actor` as the asking user.
  Reply ask(const std::string& type, nlohmann::json fields = nlohmann::json::object(), const std::string& actor = "boss") {
    Message request;
    request.header = std::move(fields);
    request.header["type"] = type;
    if (!actor.empty()) request.header["actor"] = {{"user", actor}, {"client", "203.0.113.7:5000"}};
    return service.handle(request);
  }

  std::string login(const std::string& user, const std::string& password = "a long enough passphrase") {
    return accounts->login(user, password, "203.0.113.7:5000").token;
  }
};

}  // namespace platebus::accounts::test
