#include "bus/topic_grants.hpp"

#include <algorithm>

namespace platebus::host {

bool grants_cover(const std::vector<std::string>& grants, const std::string& prefix,
                  const std::vector<std::string>& protected_topics) {
  const auto granted_under = [&](const std::string& floor) {
    return std::any_of(grants.begin(), grants.end(), [&](const std::string& grant) {
      return prefix.starts_with(grant) && grant.starts_with(floor);
    });
  };
  if (!granted_under("")) return false;
  return std::all_of(protected_topics.begin(), protected_topics.end(), [&](const std::string& topic) {
    const bool reaches = topic.starts_with(prefix) || prefix.starts_with(topic);
    return !reaches || granted_under(topic);
  });
}

}  // namespace platebus::host
