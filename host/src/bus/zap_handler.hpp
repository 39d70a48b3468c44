#pragma once
// The bus's ZeroMQ authentication handler (ZAP, RFC 27): a CURVE peer is let in only with a public
// key from the deployment's allow-list, and its messages then carry that key's name as
// "User-Id", which is what the bus checks rights against. It runs on the proxy's thread.
#include <map>
#include <string>

#include <zmq.hpp>

namespace platebus::host {

class ZapHandler {
 public:
  // `allowed`: raw 32-byte public key -> the peer's name. Binds the context's ZAP endpoint.
  ZapHandler(zmq::context_t& context, std::map<std::string, std::string> allowed);

  zmq::socket_t& socket() { return socket_; }
  // Answers one waiting request. Returns the refused peer's address, or "" when it was let in.
  std::string answer_one();

 private:
  std::map<std::string, std::string> allowed_;
  zmq::socket_t socket_;
};

}  // namespace platebus::host
