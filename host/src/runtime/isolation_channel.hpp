#pragma once
// The private link between the host and one isolated instance's child process: four ZeroMQ
// REQ/REP pairs over ipc:// sockets in a folder only the host's account can open
// (docs/architecture.md). A reply travels as STATUS (a number), ERROR, HEADER, PART...
//   publish channel (child asks, host answers):
//     ["hello"]                          -> ["ok", {instance, library, plugin, settings, log_format, log_level}]
//     ["publish", PORT, HEADER, PART...] -> ["ok"] once the host has published it (for a lossless port:
//                                           once every subscriber had room), or ["error", TEXT]
//     ["outcome", {failure, config_error}] -> ["ok"]: how the plugin's run ended
//     ["work", "begin" | "end"]          -> ["ok"]: the plugin's threads took or finished work
//                                           (Context::begin_work/end_work, which the drain waits for)
//   receive channel:
//     ["next", TIMEOUT_MS]               -> ["none"] or ["message", PORT, REQUEST_ID, TOPIC, HEADER, PART...]
//                                           (REQUEST_ID empty for a topic message)
//   call channel:
//     ["call", DEADLINE_MS, PORT, HEADER, PART...] -> ["reply", REPLY...] by the deadline
//   reply channel (a reply never waits behind a publish held up by a slow subscriber):
//     ["reply", REQUEST_ID, REPLY...]    -> ["ok"], for a request this child was handed, or ["error", TEXT]
// The host chooses every topic and stamps every header, so the child has no bus rights beyond the
// ports its instance declares.
#include <optional>
#include <string>
#include <vector>

#include <zmq.hpp>

#include "platebus/message.hpp"
#include "platebus/service.hpp"

namespace platebus::host::isolation {

inline constexpr const char* kHello = "hello";
inline constexpr const char* kPublish = "publish";
inline constexpr const char* kOutcome = "outcome";
inline constexpr const char* kWork = "work";
inline constexpr const char* kNext = "next";
inline constexpr const char* kOk = "ok";
inline constexpr const char* kError = "error";
inline constexpr const char* kNone = "none";
inline constexpr const char* kMessage = "message";
inline constexpr const char* kCall = "call";
inline constexpr const char* kReply = "reply";

// The two endpoints of a channel named by `prefix` (ipc://FOLDER/NAME).
inline std::string publish_endpoint(const std::string& prefix) { return prefix + ".pub"; }
inline std::string receive_endpoint(const std::string& prefix) { return prefix + ".recv"; }
inline std::string call_endpoint(const std::string& prefix) { return prefix + ".call"; }
inline std::string reply_endpoint(const std::string& prefix) { return prefix + ".reply"; }

using Frames = std::vector<zmq::message_t>;

Frames frames_of(std::initializer_list<std::string> texts);
// [lead..., HEADER, PART...] with the parts sent without copying (each holds its owner and `keepalive`).
Frames message_frames(std::initializer_list<std::string> lead, const Message& message,
                      std::shared_ptr<const void> keepalive = {});
// The message in frames[first] (its topic), frames[first + 1] (header), and the parts after them.
// Throws MessageError when they do not make a message.
Message message_from(Frames&& frames, std::size_t first);

// [lead..., STATUS, ERROR, HEADER, PART...]
Frames reply_frames(std::initializer_list<std::string> lead, const Reply& reply);
// The reply in frames[first] (status), frames[first + 1] (error), then header and parts. Throws
// MessageError for an unknown status or frames that do not make a message.
Reply reply_from(Frames&& frames, std::size_t first);

void send_frames(zmq::socket_t& socket, Frames&& frames);
// The next whole multipart message, or nothing when the socket's receive timeout passed.
std::optional<Frames> receive_frames(zmq::socket_t& socket);

}  // namespace platebus::host::isolation
