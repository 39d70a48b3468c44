#pragma once
// Where the bus can be reached. In one host everything runs over inproc; `bus.listen` adds one
// address for other processes: subscribers connect there, publishers to the derived address
// (the next TCP port up, or the IPC path with ".publish" appended).
#include <string>

namespace platebus::host {

inline constexpr const char* kInprocPublish = "inproc://platebus.bus.publish";      // XSUB: publishers connect
inline constexpr const char* kInprocSubscribe = "inproc://platebus.bus.subscribe";  // XPUB: subscribers connect

// Topics starting with this byte are the bus's own (handshakes); they never reach plugins.
inline constexpr char kControlTopicPrefix = '\x01';

struct ExternalEndpoints {
  std::string subscribe;  // the `listen` address itself
  std::string publish;
};

// Throws std::invalid_argument for an address that is neither tcp://HOST:PORT nor ipc://PATH.
ExternalEndpoints external_endpoints(const std::string& listen);

}  // namespace platebus::host
