#pragma once
// The accounts' notion of "now", injected so that tests can move time (session expiry, lockout
// windows, the 90-day sweep) without waiting.
#include <functional>

#include "platebus/time.hpp"

namespace platebus::accounts {

using Clock = std::function<Timestamp()>;

inline Clock system_clock() { return [] { return now_utc(); }; }

}  // namespace platebus::accounts
