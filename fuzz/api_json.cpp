// The API's bounded JSON body parser on any body, against a route's field list like the real ones
// (text, list, object, flag, count; required and optional). Only BodyError may come out.
#include <array>
#include <cstdint>
#include <string>

#include "json_body.hpp"

namespace {
using platebus::api::FieldKind;
using platebus::api::FieldSpec;

const std::array<FieldSpec, 5> kFields{{{"plate", FieldKind::text, true},
                                        {"lists", FieldKind::text_list, false},
                                        {"query", FieldKind::object, false},
                                        {"final", FieldKind::boolean, false},
                                        {"limit", FieldKind::count, false}}};
const std::array<FieldSpec, 2> kQueryFields{{{"plate", FieldKind::text, false}, {"state", FieldKind::text, false}}};
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  try {
    const auto body = platebus::api::parse_body({reinterpret_cast<const char*>(data), size}, kFields);
    if (const auto query = body.find("query"); query != body.end())
      platebus::api::check_fields(*query, kQueryFields, "query.");
    // What the API does with a body it took: print it into the audit record.
    (void)body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  } catch (const platebus::api::BodyError&) {
    // refused with a reason naming the field
  }
  return 0;
}
