#pragma once
// The webhook body: every field of a hit as JSON, its two images base64-encoded with their formats.
// The schema is documented in docs/alerts.md; keep the two in step.
#include <nlohmann/json.hpp>

#include "platebus/hit.hpp"

namespace platebus::alerts {

inline constexpr const char* kHitJsonSchema = "platebus.hit.v1";

nlohmann::json hit_json(const Hit& hit);

}  // namespace platebus::alerts
