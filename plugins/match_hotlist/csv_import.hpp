#pragma once
// The upload CSV: UTF-8 (a byte-order mark is tolerated), RFC 4180 quoting, CRLF or LF, and the
// header `plate,state,category,reason,list,case_number,expires` (any order; optional extra columns
// priority, make, model, colour/color). docs/hotlists.md describes it for users.
#include <string_view>

#include "upload_result.hpp"

namespace platebus::hotlist {

ImportResult import_csv(std::string_view bytes, const ImportOptions& options);

}  // namespace platebus::hotlist
