#include <csignal>
#include <iostream>

#include <nlohmann/json.hpp>
#include <zmq.hpp>

#include "bus/curve_keys.hpp"
#include "cli/commands.hpp"
#include "bus/wire.hpp"

namespace platebus::host {

namespace {
volatile std::sig_atomic_t interrupted = 0;
}

int tap_command(const TapOptions& options) {
  std::signal(SIGINT, [](int) { interrupted = 1; });
  std::signal(SIGTERM, [](int) { interrupted = 1; });
  zmq::context_t context(1);
  zmq::socket_t socket(context, zmq::socket_type::sub);
  socket.set(zmq::sockopt::linger, 0);
  if (!options.key_file.empty() || !options.server_key.empty()) {
    try {
      if (options.key_file.empty() || options.server_key.empty())
        throw std::runtime_error("a tcp bus needs both --key (this tap's key pair) and --server-key (the host's)");
      const auto own = read_key_pair_file(options.key_file);
      socket.set(zmq::sockopt::curve_serverkey, read_public_key(options.server_key));
      socket.set(zmq::sockopt::curve_publickey, own.public_key);
      socket.set(zmq::sockopt::curve_secretkey, own.secret_key);
    } catch (const std::exception& e) {
      std::cerr << "platebus tap: " << e.what() << "\n";
      return kExitBadInput;
    }
  }
  try {
    socket.connect(options.bus);
  } catch (const zmq::error_t& e) {
    std::cerr << "platebus tap: cannot connect to '" << options.bus << "': " << e.what()
              << "; give the host's bus.listen address, e.g. ipc:///run/platebus/bus/bus.sock\n";
    return kExitBadInput;
  }
  socket.set(zmq::sockopt::subscribe, options.topic);
  using clock = std::chrono::steady_clock;
  const auto deadline = options.run_for ? clock::now() + *options.run_for : clock::time_point::max();
  long long printed = 0;
  while (!interrupted && clock::now() < deadline && (options.count == 0 || printed < options.count)) {
    zmq::pollitem_t item{socket.handle(), 0, ZMQ_POLLIN, 0};
    try {
      zmq::poll(&item, 1, std::chrono::milliseconds(100));
    } catch (const zmq::error_t&) {
      break;  // interrupted by a signal
    }
    if (!(item.revents & ZMQ_POLLIN)) continue;
    try {
      while (auto message = receive_message(socket)) {
        nlohmann::json line = {{"topic", message->topic}, {"header", message->header}};
        auto sizes = nlohmann::json::array();
        for (const auto& part : message->parts) sizes.push_back(part.size);
        line["part_sizes"] = sizes;
        std::cout << line.dump() << std::endl;
        if (options.count != 0 && ++printed >= options.count) break;
      }
    } catch (const MessageError& e) {
      std::cerr << "platebus tap: skipped a malformed message: " << e.what() << "\n";
    }
  }
  return kExitOk;
}

}  // namespace platebus::host
