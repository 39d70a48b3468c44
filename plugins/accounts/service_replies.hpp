#pragma once
// The accounts service's ok replies: header `type` is the request's type plus "Reply".
#include <string>

#include <nlohmann/json.hpp>

#include "account.hpp"
#include "platebus/service.hpp"

namespace platebus::accounts {

inline Reply answer(const std::string& type, nlohmann::json fields = nlohmann::json::object()) {
  Message message;
  message.header = std::move(fields);
  message.header[field::type] = type + "Reply";
  return Reply::success(std::move(message));
}

inline Reply account_answer(const std::string& type, const Account& account) {
  return answer(type, {{"account", account.to_public_json()}});
}

}  // namespace platebus::accounts
