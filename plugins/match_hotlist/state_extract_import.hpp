#pragma once
// The daily state extract: one plate a line, six fields separated by '|', no header, no quoting
// (a field cannot hold '|'), LF or CRLF line ends, UTF-8:
//
//   PLATE|STATE|CATEGORY|REASON|CASE|EXPIRES
//   7ABC123|CA|stolen_vehicle|stolen from lot 4|26-001234|20261231
//
// EXPIRES is YYYYMMDD or YYYY-MM-DD, or empty; all plates go to the list options.default_list.
#include <string_view>

#include "upload_result.hpp"

namespace platebus::hotlist {

ImportResult import_state_extract(std::string_view bytes, const ImportOptions& options);

}  // namespace platebus::hotlist
