#pragma once
// A refusal with the service status it maps to: the accounts logic throws it, and the service's
// table (platebus/service_table.hpp) turns it into Reply::failure(status, text).
#include "platebus/service_table.hpp"

namespace platebus::accounts {

using AccountError = ServiceError;

}  // namespace platebus::accounts
