#pragma once
// Messages on a ZeroMQ socket: [topic][header JSON][part 1]...[part N]. Parts are sent without
// copying their bytes: the ZeroMQ message holds the Blob's owner until every receiver is done.
// The host's alone: plugins see only Message, so they build without cppzmq.
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <zmq.hpp>

#include "platebus/message.hpp"

namespace platebus::host {

// Sends `message` on `topic`. `keepalive` is held with every part until ZeroMQ frees it; the host
// passes the plugin library here so code the parts' owners need stays loaded.
zmq::send_result_t send_message(zmq::socket_t& socket, const std::string& topic, const Message& message,
                                zmq::send_flags flags = zmq::send_flags::none,
                                std::shared_ptr<const void> keepalive = {});

// The binary parts of `message` as zero-copy ZeroMQ messages (each holds its owner and `keepalive`).
std::vector<zmq::message_t> encode_parts(const Message& message, std::shared_ptr<const void> keepalive = {});

// The frames send_message() sends, for a caller that also hands them on in-process.
std::vector<zmq::message_t> encode_message(const std::string& topic, const Message& message,
                                           std::shared_ptr<const void> keepalive = {});

// What a received message may hold (docs/messages.md#limits): a header deeper or larger would
// cost every subscriber that copies or prints it its stack or its memory.
inline constexpr std::size_t kMaxHeaderBytes = 256 * 1024;
inline constexpr int kMaxHeaderDepth = 32;  // nested objects and arrays, the header itself included
inline constexpr std::size_t kMaxMessageParts = 64;

// Decodes received frames. Throws MessageError for fewer than two frames, a header that is not a
// JSON object or is over the limits above, more parts than kMaxMessageParts, or a parts count that
// disagrees with the header.
Message decode_message(std::vector<zmq::message_t>&& frames);

// Receives one whole multipart message without waiting; returns nothing when none is ready.
std::optional<Message> receive_message(zmq::socket_t& socket);

}  // namespace platebus::host
