#include "account.hpp"

#include <algorithm>
#include <stdexcept>

namespace platebus::accounts {

const char* to_string(AccountStatus status) {
  switch (status) {
    case AccountStatus::active: return "active";
    case AccountStatus::disabled: return "disabled";
    case AccountStatus::locked: return "locked";
    case AccountStatus::closed: return "closed";
  }
  return "?";
}

namespace {

AccountStatus status_from(const std::string& text) {
  for (const auto status : {AccountStatus::active, AccountStatus::disabled, AccountStatus::locked, AccountStatus::closed})
    if (text == to_string(status)) return status;
  throw std::runtime_error("stored account has an unknown status '" + text + "'");
}

std::string optional_time(const std::optional<Timestamp>& at) { return at ? to_iso8601(*at) : std::string(); }

std::optional<Timestamp> read_optional_time(const nlohmann::json& value, const char* key) {
  const auto text = value.value(key, std::string());
  if (text.empty()) return std::nullopt;
  return parse_iso8601(text);
}

Date read_date(const nlohmann::json& value, const char* key) {
  const auto text = value.at(key).get<std::string>();
  const auto date = parse_iso_date(text);
  if (!date) throw std::runtime_error(std::string("stored account has a bad date in '") + key + "': " + text);
  return *date;
}

nlohmann::json designee_json(const std::optional<DesigneeGrant>& grant) {
  if (!grant) return nullptr;
  return {{"from", to_iso_date(grant->from)}, {"to", to_iso_date(grant->to)}};
}

}  // namespace

bool Account::holds(std::string_view role) const { return std::find(roles.begin(), roles.end(), role) != roles.end(); }

Timestamp Account::last_activity() const {
  auto latest = created_at;
  if (last_login) latest = std::max(latest, *last_login);
  if (enabled_at) latest = std::max(latest, *enabled_at);
  return latest;
}

nlohmann::json Account::to_public_json() const {
  return {{"user", user},
          {"display_name", display_name},
          {"roles", roles},
          {"status", to_string(status)},
          {"clearance_expires", clearance_expires ? to_iso_date(*clearance_expires) : std::string()},
          {"created_at", to_iso8601(created_at)},
          {"created_by", created_by},
          {"last_login", optional_time(last_login)},
          {"status_reason", status_reason},
          {"designee", designee_json(designee)},
          {"locked_until", status == AccountStatus::locked ? optional_time(locked_until) : std::string()}};
}

nlohmann::json Account::to_stored_json() const {
  auto value = to_public_json();
  value["password_hash"] = password_hash;
  value["enabled_at"] = optional_time(enabled_at);
  return value;
}

Account Account::from_stored_json(const nlohmann::json& value) {
  try {
    Account account;
    account.user = value.at("user").get<std::string>();
    account.display_name = value.value("display_name", std::string());
    account.roles = value.at("roles").get<std::vector<std::string>>();
    account.status = status_from(value.at("status").get<std::string>());
    account.status_reason = value.value("status_reason", std::string());
    if (!value.value("clearance_expires", std::string()).empty())
      account.clearance_expires = read_date(value, "clearance_expires");
    if (const auto grant = value.find("designee"); grant != value.end() && grant->is_object())
      account.designee = DesigneeGrant{read_date(*grant, "from"), read_date(*grant, "to")};
    account.password_hash = value.at("password_hash").get<std::string>();
    account.created_at = parse_iso8601(value.at("created_at").get<std::string>());
    account.created_by = value.value("created_by", std::string());
    account.last_login = read_optional_time(value, "last_login");
    account.enabled_at = read_optional_time(value, "enabled_at");
    account.locked_until = read_optional_time(value, "locked_until");
    return account;
  } catch (const nlohmann::json::exception& e) {
    throw std::runtime_error(std::string("stored account record is damaged: ") + e.what());
  }
}

}  // namespace platebus::accounts
