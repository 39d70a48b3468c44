#pragma once
// How `platebus reload` learns what became of its request: it sends SIGHUP through sigqueue() with
// kReloadAsksForAnswer, and the host answers the sender with kReloadAnswerSignal carrying a
// ReloadOutcome. A plain `kill -HUP` gets no answer (nothing else is sent a signal it did not ask for).
#include <csignal>

namespace platebus::host {

inline constexpr int kReloadAsksForAnswer = 0x504c4252;  // "PLBR"
inline constexpr int kReloadAnswerSignal = SIGUSR2;

enum class ReloadOutcome : int { applied = 0, refused = 1, failed = 2 };

}  // namespace platebus::host
