#include "hot_plate.hpp"

#include <array>
#include <stdexcept>

#include "checked_text.hpp"
#include "plate_normalizer.hpp"

namespace platebus::hotlist {

namespace {

constexpr std::array<std::string_view, 8> kCategoryNames = {
    "stolen_vehicle", "stolen_plate", "felony_vehicle", "amber_alert",
    "warrant",        "missing_person", "bolo",         "other"};

constexpr std::size_t kMaxReasonBytes = 500;
constexpr std::size_t kMaxShortFieldBytes = 64;

bool has_control_characters(std::string_view text) {
  for (const char c : text)
    if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) return true;
  return false;
}

std::string shown_lead(char c) {
  if (c == '\t') return "a tab";
  if (c == '\r') return "a carriage return";
  std::string quoted = "' '";
  quoted[1] = c;
  return quoted;
}

// Text an officer may open in a spreadsheet: a cell starting = + - @ (or a tab or carriage return
// before one) is run as a formula, so such text is refused rather than stored.
enum class Cell { no, spreadsheet };

void check_text(std::vector<std::string>& problems, std::string_view field, std::string_view value,
                std::size_t max_bytes, Cell cell = Cell::spreadsheet) {
  if (const char lead = text::formula_lead(value); lead && cell == Cell::spreadsheet)
    problems.push_back(std::string(field) + ": starts with " + shown_lead(lead) +
                       ", which a spreadsheet runs as a formula; remove it or start with a word");
  if (value.size() > max_bytes)
    problems.push_back(std::string(field) + ": " + std::to_string(value.size()) + " bytes, at most " +
                       std::to_string(max_bytes) + " are allowed; shorten it");
  if (has_control_characters(value))
    problems.push_back(std::string(field) + ": holds control characters (line breaks, tabs); write it on one line");
}

}  // namespace

std::string_view category_name(Category category) { return kCategoryNames.at(static_cast<std::size_t>(category)); }

std::optional<Category> parse_category(std::string_view text) {
  std::string folded;
  for (const char c : text) {
    if (c == ' ' || c == '-') folded += '_';
    else if (c >= 'A' && c <= 'Z') folded += static_cast<char>(c - 'A' + 'a');
    else folded += c;
  }
  for (std::size_t i = 0; i < kCategoryNames.size(); ++i)
    if (folded == kCategoryNames[i]) return static_cast<Category>(i);
  return std::nullopt;
}

std::string category_choices() {
  std::string choices;
  for (const auto name : kCategoryNames) choices += (choices.empty() ? "" : ", ") + std::string(name);
  return choices;
}

int default_priority(Category category) {
  switch (category) {
    case Category::amber_alert:
    case Category::missing_person: return 1;
    case Category::felony_vehicle:
    case Category::warrant: return 2;
    case Category::stolen_vehicle:
    case Category::stolen_plate: return 3;
    case Category::bolo: return 4;
    case Category::other: return 5;
  }
  return kLowestPriority;
}

bool HotPlateEntry::is_partial() const { return is_plate_pattern(plate); }

std::string list_name_problem(std::string_view list) {
  if (list.empty()) return "list: no list name; give one in the list column or as the default list";
  if (list.size() > kMaxShortFieldBytes)
    return "list: '" + std::string(list) + "' is longer than " + std::to_string(kMaxShortFieldBytes) + " characters";
  for (const char c : list) {
    const bool fine = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
                      c == '-' || c == '.';
    if (!fine)
      return "list: '" + std::string(list) + "' may hold only letters, digits, '_', '-' and '.'";
  }
  return "";
}

std::string state_problem(std::string_view state) {
  if (state.empty()) return "";
  const bool two_letters = state.size() == 2 && state[0] >= 'A' && state[0] <= 'Z' && state[1] >= 'A' &&
                           state[1] <= 'Z';
  if (!two_letters) return "state: '" + std::string(state) + "' is not a two-letter code like CA; leave it empty for any state";
  return "";
}

std::vector<std::string> validation_problems(const HotPlateEntry& entry) {
  std::vector<std::string> problems;
  const auto plate = normalize_plate_pattern(entry.plate);
  if (!plate.ok()) problems.push_back("plate: " + plate.problem);
  else if (plate.plate != entry.plate)
    problems.push_back("plate: '" + entry.plate + "' is not normalized; write it as '" + plate.plate + "'");
  if (auto problem = state_problem(entry.state); !problem.empty()) problems.push_back(problem);
  if (entry.reason.find_first_not_of(" \t") == std::string::npos)
    problems.push_back("reason: required; say in a few words why the plate is wanted");
  check_text(problems, "reason", entry.reason, kMaxReasonBytes);
  if (auto problem = list_name_problem(entry.list); !problem.empty()) problems.push_back(problem);
  check_text(problems, "source", entry.source, kMaxShortFieldBytes, Cell::no);
  check_text(problems, "case_number", entry.case_number, kMaxShortFieldBytes);
  check_text(problems, "added_by", entry.added_by, kMaxShortFieldBytes, Cell::no);
  check_text(problems, "make", entry.vehicle.make, kMaxShortFieldBytes);
  check_text(problems, "model", entry.vehicle.model, kMaxShortFieldBytes);
  check_text(problems, "colour", entry.vehicle.colour, kMaxShortFieldBytes);
  if (entry.priority < kHighestPriority || entry.priority > kLowestPriority)
    problems.push_back("priority: " + std::to_string(entry.priority) + " is outside " +
                       std::to_string(kHighestPriority) + " (most urgent) to " + std::to_string(kLowestPriority));
  return problems;
}

nlohmann::json to_json(const HotPlateEntry& entry) {
  nlohmann::json json = {{"plate", entry.plate},
                         {"state", entry.state},
                         {"category", category_name(entry.category)},
                         {"reason", entry.reason},
                         {"list", entry.list},
                         {"source", entry.source},
                         {"case_number", entry.case_number},
                         {"priority", entry.priority},
                         {"added_by", entry.added_by},
                         {"added_at", to_iso8601(entry.added_at)},
                         {"expires_at", entry.expires_at ? nlohmann::json(to_iso8601(*entry.expires_at)) : nullptr},
                         {"partial", entry.is_partial()}};
  if (!entry.vehicle.empty())
    json["vehicle"] = {{"make", entry.vehicle.make}, {"model", entry.vehicle.model}, {"colour", entry.vehicle.colour}};
  return json;
}

HotPlateEntry hot_plate_from_json(const nlohmann::json& json) {
  std::vector<std::string> problems;
  if (!json.is_object()) throw std::invalid_argument("a hot plate must be a JSON object");
  auto text = [&](const char* key, bool required) -> std::string {
    const auto it = json.find(key);
    if (it == json.end() || it->is_null()) {
      if (required) problems.push_back(std::string(key) + ": required");
      return "";
    }
    if (!it->is_string()) {
      problems.push_back(std::string(key) + ": must be a string");
      return "";
    }
    return it->get<std::string>();
  };
  auto time = [&](const char* key) -> std::optional<Timestamp> {
    const auto value = text(key, false);
    if (value.empty()) return std::nullopt;
    try {
      return parse_iso8601(value);
    } catch (const std::invalid_argument& e) {
      problems.push_back(std::string(key) + ": " + e.what());
      return std::nullopt;
    }
  };

  HotPlateEntry entry;
  entry.plate = text("plate", true);
  entry.state = text("state", false);
  const auto category = text("category", true);
  if (const auto parsed = parse_category(category)) entry.category = *parsed;
  else if (!category.empty())
    problems.push_back("category: '" + category + "' is not one of " + category_choices());
  entry.reason = text("reason", true);
  entry.list = text("list", true);
  entry.source = text("source", false);
  entry.case_number = text("case_number", false);
  entry.added_by = text("added_by", false);
  entry.added_at = time("added_at").value_or(Timestamp{});
  entry.expires_at = time("expires_at");
  entry.priority = default_priority(entry.category);
  if (const auto it = json.find("priority"); it != json.end() && !it->is_null()) {
    if (it->is_number_integer()) entry.priority = it->get<int>();
    else problems.push_back("priority: must be a whole number from 1 to 5");
  }
  if (const auto it = json.find("vehicle"); it != json.end() && it->is_object()) {
    entry.vehicle.make = it->value("make", "");
    entry.vehicle.model = it->value("model", "");
    entry.vehicle.colour = it->value("colour", "");
  }
  if (problems.empty())
    for (auto& problem : validation_problems(entry)) problems.push_back(std::move(problem));
  if (!problems.empty()) {
    std::string message = "invalid hot plate:";
    for (const auto& problem : problems) message += " " + problem + ";";
    message.pop_back();
    throw std::invalid_argument(message);
  }
  return entry;
}

platebus::HotPlate to_hit_hot_plate(const HotPlateEntry& entry) {
  platebus::HotPlate plate;
  plate.plate = entry.plate;
  plate.state = entry.state;
  plate.category = std::string(category_name(entry.category));
  plate.reason = entry.reason;
  plate.list = entry.list;
  plate.case_number = entry.case_number;
  plate.priority = entry.priority;
  plate.vehicle = {entry.vehicle.make, entry.vehicle.model, entry.vehicle.colour};
  plate.added_by = entry.added_by;
  // Stored as the instant it stops matching (midnight after the last day); shown as the last day.
  if (entry.expires_at) plate.expires = to_iso8601(*entry.expires_at - std::chrono::microseconds(1)).substr(0, 10);
  return plate;
}

}  // namespace platebus::hotlist
