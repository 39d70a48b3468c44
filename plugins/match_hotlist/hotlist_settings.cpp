#include "hotlist_settings.hpp"

#include <stdexcept>

#include <fmt/format.h>

#include "platebus/plugin.hpp"

namespace platebus::hotlist {

namespace {

std::string group_from(const nlohmann::json& item, std::size_t index) {
  if (item.is_string()) return item.get<std::string>();
  if (item.is_array()) {
    std::string group;
    for (const auto& c : item) {
      if (!c.is_string() || c.get<std::string>().size() != 1)
        throw std::invalid_argument(fmt::format("group {} must list single characters, e.g. [\"0\", \"O\"]", index + 1));
      group += c.get<std::string>();
    }
    return group;
  }
  throw std::invalid_argument(
      fmt::format("group {} must be a string of characters (\"0ODQ\") or a list of them", index + 1));
}

}  // namespace

ConfusableTable confusables_from_config(const nlohmann::json& value) {
  if (value.is_null()) return ConfusableTable::defaults();
  if (!value.is_array())
    throw std::invalid_argument("must be a list of groups, e.g. [\"0ODQ\", \"1ILT\", \"8B\"], or [] for none");
  std::vector<std::string> groups;
  for (std::size_t i = 0; i < value.size(); ++i) groups.push_back(group_from(value[i], i));
  return ConfusableTable::from_groups(groups);
}

HotlistSettings HotlistSettings::from_config(const nlohmann::json& config) {
  HotlistSettings settings;
  settings.database = config.at("database").get<std::string>();
  try {
    settings.confusables = confusables_from_config(config.value("confusables", nlohmann::json()));
  } catch (const std::invalid_argument& e) {
    throw ConfigError(std::string("'confusables': ") + e.what());
  }
  if (const auto it = config.find("notice"); it != config.end() && !it->is_null()) settings.notice = it->get<std::string>();
  if (settings.notice.find_first_not_of(" \t") == std::string::npos)
    throw ConfigError("'notice' is empty; every hit must carry the standing line (leave the key out for the default)");
  settings.dedupe_window = std::chrono::milliseconds(config.value("dedupe_window", std::int64_t{600'000}));
  if (settings.dedupe_window < std::chrono::seconds(1))
    throw ConfigError("'dedupe_window' must be at least 1s, e.g. 10m");
  const auto capacity = config.value("dedupe_capacity", std::int64_t{100'000});
  if (capacity < 100) throw ConfigError("'dedupe_capacity' must be at least 100");
  settings.dedupe_capacity = static_cast<std::size_t>(capacity);
  settings.match_alternatives = config.value("match_alternatives", true);
  settings.match_confusables = config.value("match_confusables", true);
  const auto map_size = config.value("map_size_mib", std::int64_t{4096});
  if (map_size < 16) throw ConfigError("'map_size_mib' must be at least 16");
  settings.map_size_mib = static_cast<std::size_t>(map_size);
  if (const auto it = config.find("purge_expired_after"); it != config.end() && !it->is_null())
    settings.purge_expired_after = std::chrono::milliseconds(it->get<std::int64_t>());
  settings.hit_retention = std::chrono::milliseconds(config.at("hit_retention").get<std::int64_t>());
  if (settings.hit_retention < std::chrono::hours(24 * 365))
    throw ConfigError("'hit_retention' must be at least 365d: the use policy keeps reads, and the hits that hold "
                      "them, for at least a year (730d by default)");
  return settings;
}

}  // namespace platebus::hotlist
