#include "bus/bus_sockets.hpp"

#include <stdexcept>

#include "bus/endpoints.hpp"

namespace platebus::host {

zmq::socket_t connect_publisher(zmq::context_t& context) {
  // XPUB rather than PUB: it lets us read the bus's subscription, which is the handshake.
  zmq::socket_t socket(context, zmq::socket_type::xpub);
  socket.set(zmq::sockopt::xpub_nodrop, 1);
  socket.set(zmq::sockopt::linger, 1000);
  socket.set(zmq::sockopt::rcvtimeo, 5000);
  socket.connect(kInprocPublish);
  zmq::message_t subscription;
  if (!socket.recv(subscription) || subscription.size() < 1 || *subscription.data<char>() != '\x01') {
    throw std::runtime_error("the host bus did not accept a publisher within 5 s; the bus thread is not running");
  }
  return socket;
}

zmq::socket_t connect_subscriber(zmq::context_t& context) {
  zmq::socket_t socket(context, zmq::socket_type::sub);
  socket.set(zmq::sockopt::rcvhwm, 0);  // drained at once into the bounded inbox
  socket.set(zmq::sockopt::linger, 0);
  socket.connect(kInprocSubscribe);
  return socket;
}

}  // namespace platebus::host
