#include "offline_session.hpp"

#include <pwd.h>
#include <unistd.h>

#include "accounts_instance.hpp"

namespace platebus::accounts::offline {

Actor offline_actor() {
  const auto* entry = getpwuid(geteuid());
  std::string name = entry ? entry->pw_name : "";
  if (name.empty()) name = "uid" + std::to_string(geteuid());
  return Actor{"offline:" + name, {}, "", "local"};
}

void leave_event(AccountStore& store, const AuditEvent& event) {
  auto txn = store.write();
  txn.append_to_outbox(event);
  txn.commit();
}

Opened open_accounts(const Common& common, bool with_password_policy) {
  Opened opened;
  try {
    opened.settings = accounts_settings_from(common.config, common.instance);
  } catch (const std::exception& e) {
    throw BadInput(e.what());
  }
  auto policy = with_password_policy ? PasswordPolicy::from_word_list(opened.settings.banned_passwords) : PasswordPolicy();
  opened.store = std::make_unique<AccountStore>(opened.settings.database);
  opened.accounts = std::make_unique<Accounts>(*opened.store, std::move(policy), opened.settings);
  return opened;
}

std::optional<Date> date_option(const std::string& text, const char* option) {
  if (text.empty()) return std::nullopt;
  const auto date = parse_iso_date(text);
  if (!date) throw BadInput(std::string(option) + ": '" + text + "' is not a date; write YYYY-MM-DD");
  return date;
}

}  // namespace platebus::accounts::offline
