#pragma once
// A refusal with the service status it maps to: the accounts logic throws it, the service turns it
// into Reply::failure(status, text).
#include <stdexcept>
#include <string>

#include "platebus/service.hpp"

namespace platebus::accounts {

class AccountError : public std::runtime_error {
 public:
  AccountError(ServiceStatus status, const std::string& text) : std::runtime_error(text), status_(status) {}
  ServiceStatus status() const { return status_; }

 private:
  ServiceStatus status_;
};

}  // namespace platebus::accounts
