#include "hotlist_settings.hpp"

#include <stdexcept>

#include <fmt/format.h>


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
  settings.confusables = confusables_from_config(config.at("confusables"));
  if (const auto& notice = config.at("notice"); !notice.is_null()) settings.notice = notice.get<std::string>();
  settings.dedupe_window = std::chrono::milliseconds(config.at("dedupe_window").get<std::int64_t>());
  settings.dedupe_capacity = config.at("dedupe_capacity").get<std::size_t>();
  settings.match_alternatives = config.at("match_alternatives").get<bool>();
  settings.match_confusables = config.at("match_confusables").get<bool>();
  settings.map_size_mib = config.at("map_size_mib").get<std::size_t>();
  if (const auto& after = config.at("purge_expired_after"); !after.is_null())
    settings.purge_expired_after = std::chrono::milliseconds(after.get<std::int64_t>());
  settings.hit_retention = std::chrono::milliseconds(config.at("hit_retention").get<std::int64_t>());
  return settings;
}

std::vector<ConfigProblem> HotlistSettings::validate(const nlohmann::json& config) {
  std::vector<ConfigProblem> problems;
  try {
    confusables_from_config(config.at("confusables"));
  } catch (const std::invalid_argument& e) {
    problems.push_back({"confusables", e.what()});
  }
  const auto& notice = config.at("notice");
  if (notice.is_string() && notice.get<std::string>().find_first_not_of(" \t") == std::string::npos)
    problems.push_back({"notice", "is empty; every hit must carry the standing line (leave the key out for the default)"});
  return problems;
}

}  // namespace platebus::hotlist
