#include "runtime/stop_order.hpp"

#include <algorithm>

namespace platebus::host {

namespace {

bool feeds(const InstanceConfig& from, const InstanceConfig& to) {
  for (const auto& out : from.publish)
    for (const auto& in : to.subscribe)
      if (out.topic.starts_with(in.topic)) return true;
  for (const auto& call : from.call)
    for (const auto& serve : to.serve)
      if (call.topic == serve.topic) return true;
  return false;
}

}  // namespace

std::vector<StopLayer> stop_layers(const std::vector<const InstanceConfig*>& instances) {
  const auto count = instances.size();
  std::vector<std::vector<std::size_t>> feeders(count);
  for (std::size_t to = 0; to < count; ++to)
    for (std::size_t from = 0; from < count; ++from)
      if (from != to && feeds(*instances[from], *instances[to])) feeders[to].push_back(from);

  std::vector<bool> stopped(count, false);
  const auto running_feeders = [&](std::size_t i) {
    return std::count_if(feeders[i].begin(), feeders[i].end(), [&](std::size_t f) { return !stopped[f]; });
  };
  // Whether i feeds itself through instances still running (walking the feeders back from i).
  const auto in_cycle = [&](std::size_t i) {
    std::vector<bool> seen(count, false);
    std::vector<std::size_t> todo(feeders[i].begin(), feeders[i].end());
    while (!todo.empty()) {
      const auto next = todo.back();
      todo.pop_back();
      if (stopped[next] || seen[next]) continue;
      if (next == i) return true;
      seen[next] = true;
      todo.insert(todo.end(), feeders[next].begin(), feeders[next].end());
    }
    return false;
  };
  std::vector<StopLayer> layers;
  for (std::size_t left = count; left > 0;) {
    StopLayer layer;
    for (std::size_t i = 0; i < count; ++i)
      if (!stopped[i] && running_feeders(i) == 0) layer.members.push_back(i);
    if (layer.members.empty()) {
      // Only cycles and what they feed remain: break a cycle where the fewest feeders still run.
      std::size_t pick = count;
      for (std::size_t i = 0; i < count; ++i)
        if (!stopped[i] && in_cycle(i) && (pick == count || running_feeders(i) < running_feeders(pick))) pick = i;
      layer.members.push_back(pick);
      layer.breaks_cycle = true;
    }
    for (const auto i : layer.members) stopped[i] = true;
    left -= layer.members.size();
    layers.push_back(std::move(layer));
  }
  return layers;
}

}  // namespace platebus::host
