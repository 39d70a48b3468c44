// The `accounts` plugin: serves the accounts service (logins, sessions, the permission table, the
// account lifecycle) from an LMDB store, runs the inactivity sweep on a timer, and publishes the audit
// events nobody asked for through the API (automatic deactivations, what the offline tool did).
#include <algorithm>
#include <memory>
#include <optional>
#include <system_error>

#include <fmt/format.h>

#include "accounts_service.hpp"
#include "audit_events.hpp"
#include "lmdb_environment.hpp"
#include "password_pool.hpp"
#include "platebus/plugin.hpp"

namespace {

using namespace platebus;
using namespace platebus::accounts;
using namespace std::chrono_literals;

constexpr auto kOutboxInterval = 1s;  // how often events left in the outbox (tool, logins) are picked up

class AccountsPlugin final : public Plugin {
 public:
  static std::vector<ConfigProblem> validate(const nlohmann::json& config) { return AccountSettings::validate(config); }

  void configure(Context& ctx) override {
    settings_ = AccountSettings::from_config(ctx.config());
    try {
      policy_ = PasswordPolicy::from_word_list(settings_.banned_passwords);
    } catch (const std::exception& e) {
      throw ConfigError(std::string("'banned_passwords': ") + e.what());
    }
    lmdb_store::require_writable_database_folder(settings_.database);
  }

  void start(Context& ctx) override {
    const auto banned = policy_->banned_count();
    store_ = std::make_unique<AccountStore>(settings_.database);
    accounts_ = std::make_unique<Accounts>(*store_, std::move(*policy_), settings_);
    service_ = std::make_unique<AccountsService>(*accounts_);
    passwords_ = std::make_unique<PasswordPool>(settings_.password_workers, settings_.password_queue);
    ctx.info("{} accounts in {}; {} banned passwords", accounts_->list().size(), settings_.database.string(), banned);
  }

  void run(Context& ctx) override {
    auto next_sweep = std::chrono::steady_clock::now();
    auto next_outbox = next_sweep;
    while (!ctx.stopping()) {
      const auto now = std::chrono::steady_clock::now();
      if (now >= next_outbox) {
        lapse_changes(ctx);
        publish_outbox(ctx);
        next_outbox = now + kOutboxInterval;
      }
      if (now >= next_sweep) {
        automatic_sweep(ctx);
        next_sweep = now + settings_.sweep_interval;
      }
      const auto wait = std::clamp(std::min(next_sweep, next_outbox) - now, std::chrono::steady_clock::duration(1ms),
                                   std::chrono::steady_clock::duration(1s));
      const auto request = ctx.receive(std::chrono::duration_cast<std::chrono::milliseconds>(wait));
      // Only requests reach this instance (it subscribes to nothing); the host marks them.
      if (request && request->is_request()) serve(ctx, std::move(*request));
    }
  }

  void stop(Context&) override {
    passwords_.reset();  // answers what waits, before what it uses goes
    service_.reset();
    accounts_.reset();
    store_.reset();
  }

 private:
  // Publishes on the audit port, or, when the deployment does not wire it, keeps the event in the
  // outbox so it is not lost.
  void emit(Context& ctx, const AuditEvent& event) {
    if (ctx.is_published("audit")) {
      ctx.publish("audit", event.to_message());
      return;
    }
    auto txn = store_->write();
    txn.append_to_outbox(event);
    txn.commit();
  }

  // Password requests go to the pool (or are refused as busy at once); the rest are answered here,
  // promptly, however many passwords are being checked.
  void serve(Context& ctx, Message request) {
    if (!AccountsService::checks_passwords(request)) {
      service_->table().serve(ctx, request);
      return;
    }
    const auto submitted = passwords_->try_submit([this, &ctx, request] { service_->table().serve(ctx, request); });
    if (!submitted)
      ctx.reply(request, Reply::failure(ServiceStatus::unavailable,
                                        fmt::format("the accounts service is busy checking {} other passwords; try "
                                                    "again in a few seconds", settings_.password_queue)));
  }

  void publish_outbox(Context& ctx) {
    try {
      auto pending = store_->read().outbox();
      if (pending.empty()) return;
      if (!ctx.is_published("audit")) {
        if (!warned_unwired_)
          ctx.warn("{} audit events wait in the outbox: map the 'audit' port to the audit topic", pending.size());
        warned_unwired_ = true;
        return;
      }
      for (const auto& [key, event] : pending) {
        ctx.publish("audit", event.to_message());
        if (ctx.stopping()) return;  // publish may have given up: keep the event for the next start
        auto txn = store_->write();
        txn.erase_from_outbox(key);
        txn.commit();
      }
      ctx.info("published {} audit events from the outbox (platebus-accounts, logins)", pending.size());
    } catch (const std::exception& e) {
      ctx.error("could not publish the audit outbox: {}", e.what());
    }
  }

  // Changes that waited `approval_window` for a second program manager go, each leaving an event.
  void lapse_changes(Context& ctx) {
    try {
      const auto at = accounts_->now();
      for (const auto& change : service_->approval().expire()) {
        ctx.info("change {} ({} for '{}') lapsed unapproved", change.id, change.type, change.user);
        emit(ctx, lapsed_change_event(change, at));
      }
    } catch (const std::exception& e) {
      ctx.error("could not lapse the pending account changes: {}", e.what());
    }
  }

  void automatic_sweep(Context& ctx) {
    try {
      const auto at = accounts_->now();
      for (const auto& account : accounts_->sweep(at)) {
        ctx.info("deactivated '{}': {}", account.user, account.status_reason);
        emit(ctx, deactivation_event(Actor::system(), account, at));
      }
    } catch (const std::exception& e) {
      ctx.error("the inactivity sweep failed: {}; it runs again in {}", e.what(), describe(settings_.sweep_interval));
    }
  }

  AccountSettings settings_;
  std::optional<PasswordPolicy> policy_;
  std::unique_ptr<AccountStore> store_;
  std::unique_ptr<Accounts> accounts_;
  std::unique_ptr<AccountsService> service_;
  std::unique_ptr<PasswordPool> passwords_;
  bool warned_unwired_ = false;
};

constexpr PortSpec kPorts[] = {
    {"accounts", PortDirection::serve, "AccountsRequest", Delivery::lossless,
     "the accounts service: Login, Logout, Authorize, PasswordChange, Account*, Designee*, Sweep, Change* "
     "(docs/security.md)"},
    {"audit", PortDirection::output, "AuditEvent", Delivery::lossless,
     "audit events nobody asked for through the API: automatic deactivations, lapsed changes, offline tool actions"}};

constexpr ConfigKey kConfig[] = {
    {"database", ConfigType::path, nullptr, "folder of the accounts' LMDB database (created if missing)"},
    {"banned_passwords", ConfigType::path, "/usr/share/dict/cracklib-small",
     "word list of banned passwords, one per line (Debian's cracklib-runtime)"},
    ConfigKey{"idle_timeout", ConfigType::duration, "30m", "a session ends after this long without a request"}.at_least("1s"),
    ConfigKey{"session_lifetime", ConfigType::duration, "12h", "a session ends this long after login, however busy"}
        .at_least("1s"),
    ConfigKey{"inactivity_limit", ConfigType::duration, "90d", "accounts with no login for longer are disabled by the sweep"}
        .at_least("1s"),
    ConfigKey{"lockout_attempts", ConfigType::integer, "5", "failed logins within lockout_window that lock an account"}
        .between("1", "100"),
    ConfigKey{"lockout_window", ConfigType::duration, "15m", "the window in which failed logins are counted"}.at_least("1s"),
    ConfigKey{"lockout_duration", ConfigType::duration, "15m",
        "a lock lifts by itself after this long (or a program manager unlocks)"}
        .at_least("1s"),
    ConfigKey{"designee_max_days", ConfigType::integer, "30", "the longest designee grant, in days (both ends included)"}
        .between("1", "366"),
    ConfigKey{"approval_window", ConfigType::duration, "72h",
        "how long a change that needs a second program manager waits for one before it lapses"}
        .at_least("1s"),
    ConfigKey{"password_workers", ConfigType::integer, "2", "threads that check and hash passwords, off the service thread"}
        .between("1", "16"),
    ConfigKey{"password_queue", ConfigType::integer, "32", "password requests that may wait for them; more are refused as busy"}
        .between("1", "10000"),
    ConfigKey{"sweep_interval", ConfigType::duration, "24h", "how often the inactivity sweep runs (also once at start)"}
        .at_least("1s")};

}  // namespace

PLATEBUS_PLUGIN(platebus::describe_plugin<AccountsPlugin>("accounts", "1.0.0",
                                                          "Accounts, sessions and the permission table", kPorts,
                                                          kConfig))
