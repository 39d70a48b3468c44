#pragma once
// The plugin interface. Lifecycle, all on the instance's own thread:
//   configure(ctx)  read and check ctx.config(); throw ConfigError for a value the descriptor's
//                   types cannot catch (a bad range, an unreadable file)
//   start(ctx)      acquire resources (open a device, a file)
//   run(ctx)        the instance's work, until ctx.stopping(); the default hands every
//                   received message to on_message()
//   stop(ctx)       release what start() acquired; called even when run() threw
// An exception escaping any of these is logged with the instance id and the host restarts the
// instance with a fresh object, with backoff and a cap on the restart rate.
#include <stdexcept>

#include "platebus/context.hpp"
#include "platebus/descriptor.hpp"
#include "platebus/message.hpp"

namespace platebus {

class PLATEBUS_SDK_API Plugin {
 public:
  virtual ~Plugin();

  virtual void configure(Context& ctx);
  virtual void start(Context& ctx);
  virtual void run(Context& ctx);
  virtual void stop(Context& ctx);

  // Called by the default run() for each received message.
  virtual void on_message(Context& ctx, const Message& message);
};

// A config value that is well-typed but unusable; the text should say what to change.
class PLATEBUS_SDK_API ConfigError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

}  // namespace platebus
