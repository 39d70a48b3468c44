#pragma once
// What a peer in another process may do on the bus: the topic prefixes it may subscribe to and
// publish on. Protected topics (the audit trail's) are published on only through a grant that
// names them: a grant of "" (everything) does not reach them.
#include <string>
#include <vector>

namespace platebus::host {

struct TopicGrants {
  std::vector<std::string> subscribe;  // prefixes; "" is every unprotected topic
  std::vector<std::string> publish;
};

// Whether a subscription to `prefix` (or a publication on the topic `prefix`) falls within
// `grants`: it starts with a granted prefix, and every protected topic it could reach or sits
// under is granted by a prefix at least as long as that topic's name.
bool grants_cover(const std::vector<std::string>& grants, const std::string& prefix,
                  const std::vector<std::string>& protected_topics);

}  // namespace platebus::host
