#pragma once
// How a read matched a hot plate, from the safest to the riskiest: the officer weighs a misread by it.
#include <cstdint>
#include <string_view>

namespace platebus::hotlist {

enum class MatchKind : std::uint8_t {
  exact,        // the read's best text is the plate
  alternative,  // one of the read's alternative texts is the plate
  confusable,   // the best or an alternative text differs from the plate only by OCR confusions
  partial,      // a partial entry's wildcard pattern (confusions allowed) matches a text of the read
};

// "exact", "alternative", "confusable", "partial": the values of Hit.match_kind (docs/messages.md).
inline std::string_view match_kind_name(MatchKind kind) {
  switch (kind) {
    case MatchKind::exact: return "exact";
    case MatchKind::alternative: return "alternative";
    case MatchKind::confusable: return "confusable";
    case MatchKind::partial: return "partial";
  }
  return "unknown";
}

}  // namespace platebus::hotlist
