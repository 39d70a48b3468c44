#pragma once
// The order instances stop in: by the data's direction, not the file's. An instance feeds another
// when a topic it publishes matches one the other subscribes to, or when it calls a service the
// other serves; it stops first, so whatever it publishes while stopping still finds its readers.
#include <cstddef>
#include <vector>

#include "config/deployment.hpp"

namespace platebus::host {

struct StopLayer {
  std::vector<std::size_t> members;  // indices into the instances given; they stop together
  // One member of a cycle: something that feeds it is still running when it stops (of the
  // instances in cycles, the one with the fewest such feeders, earliest in the file on a tie).
  bool breaks_cycle = false;
};

// Every instance appears in exactly one layer; each layer holds the instances none of whose feeders
// remain, so sources (and instances fed only from outside the host) come first.
std::vector<StopLayer> stop_layers(const std::vector<const InstanceConfig*>& instances);

}  // namespace platebus::host
