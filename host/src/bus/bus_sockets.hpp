#pragma once
// Sockets that join the host bus, with the handshakes that keep early messages from being lost.
#include <zmq.hpp>

namespace platebus::host {

// A publisher socket connected to the bus. It returns only once the bus's subscribe-all has
// arrived, so the first message sent is not filtered away. It waits (never drops) when the bus
// falls behind. Throws std::runtime_error when the bus does not answer.
zmq::socket_t connect_publisher(zmq::context_t& context);

// A subscriber socket connected to the bus, with no subscriptions yet.
zmq::socket_t connect_subscriber(zmq::context_t& context);

}  // namespace platebus::host
