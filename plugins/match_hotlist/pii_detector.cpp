#include "pii_detector.hpp"

#include <forward_list>
#include <initializer_list>

#include "checked_text.hpp"
#include "pii_tokens.hpp"

namespace platebus::hotlist {

using namespace pii;

std::optional<PiiHit> pii_column(std::string_view column_name) {
  static constexpr std::array<std::string_view, 23> words = {
      "name",  "firstname", "lastname", "surname", "fullname", "owner", "address", "street", "dob", "birth", "birthdate",
      "ssn",   "cii",       "fbi",      "ncic",    "clets",    "oln",   "dl",      "phone",  "email", "birthday", "ro",
      "registrant"};
  std::string folded;  // lower case, every other character a word break
  for (const char c : column_name)
    folded += (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : (is_word_byte(c) ? c : ' ');
  bool driver = false, licence = false;
  std::forward_list<std::string> initialisms;
  for (const auto& token : tokenize(folded, initialisms)) {
    if (is_one_of(token.text, words)) {
      return PiiHit{"pii_column", "column " + quoted(column_name) + " is named for personal or CLETS data (" +
                                      quoted(token.text) + "); remove the column"};
    }
    driver = driver || token.text.starts_with("driver");
    licence = licence || token.text.starts_with("licen") || token.text == "lic";
  }
  if (driver && licence)
    return PiiHit{"pii_column", "column " + quoted(column_name) + " is named for driver's licence data; remove the column"};
  if (folded.find("dateofbirth") != std::string::npos || folded.find("date of birth") != std::string::npos)
    return PiiHit{"pii_column", "column " + quoted(column_name) + " is named for dates of birth; remove the column"};
  return std::nullopt;
}

namespace {

using Detector = void (*)(const Tokens&, std::vector<PiiHit>&);

std::vector<PiiHit> scan(std::string_view text, std::initializer_list<Detector> detectors) {
  std::vector<PiiHit> hits;
  if (text.empty()) return hits;
  const auto folded = text::folded_for_checks(text);
  std::forward_list<std::string> initialisms;
  const auto tokens = tokenize(folded, initialisms);
  for (const auto detector : detectors) detector(tokens, hits);
  return hits;
}

// A list name's words: "owner_John_Smith" reads "owner John Smith". Dashes and dots stay, as they
// join a date ("DOB-1985-03-14"); `all_breaks` also makes them spaces ("owner-John-Smith").
std::string list_words(std::string_view list, bool all_breaks) {
  std::string words(list);
  for (auto& c : words)
    if (c == '_' || (all_breaks && (c == '-' || c == '.'))) c = ' ';
  return words;
}

std::string joined(std::initializer_list<std::string_view> parts) {
  std::string text;
  for (const auto part : parts)
    if (!part.empty()) text.append(text.empty() ? "" : " ").append(part);
  return text;
}

// Whether a case number could finish or start what the reason holds: a name ("owner John" |
// "Smith"), a label or a date ("DOB" | "03/14/1985"). Most case numbers ("26-12345") cannot, and
// reading each row's reason again for them would double the cost of a large upload.
bool may_join_the_reason(std::string_view case_number) {
  const auto folded = text::folded_for_checks(case_number);
  std::forward_list<std::string> initialisms;
  const auto tokens = tokenize(folded, initialisms);
  for (std::size_t i = 0; i < tokens.size(); ++i)
    if ((tokens[i].text.size() >= 2 && all_letters(tokens[i].text)) || date_year_at(tokens, i) != 0) return true;
  return false;
}

std::size_t non_empty(std::initializer_list<std::string_view> parts) {
  std::size_t count = 0;
  for (const auto part : parts) count += part.empty() ? 0 : 1;
  return count;
}

}  // namespace

std::vector<PiiHit> scan_free_text(std::string_view text) {
  return scan(text, {detect_person_name, detect_street_address, detect_date_of_birth, detect_driver_licence, detect_ssn,
                     detect_clets_record, detect_phone_number, detect_email_address});
}

std::vector<PiiHit> scan_case_number(std::string_view text) {
  return scan(text, {detect_person_name, detect_date_of_birth, detect_ssn, detect_clets_record});
}

std::vector<FieldHit> scan_entry(const EntryFields& f, const FreeTextScan& free_text) {
  std::vector<FieldHit> found;
  auto add = [&](const char* field, std::vector<PiiHit> hits) {
    for (auto& hit : hits) found.push_back({field, std::move(hit)});
  };
  add("reason", free_text(f.reason));
  add("make", free_text(f.make));
  add("model", free_text(f.model));
  add("colour", free_text(f.colour));
  const auto list = list_words(f.list, false), list_spaced = list_words(f.list, true);
  add("list", free_text(list));
  if (found.empty() && list_spaced != list) add("list", free_text(list_spaced));
  add("case_number", scan_case_number(f.case_number));
  if (!found.empty()) return found;

  if (non_empty({f.reason, f.make, f.model, f.colour, list}) > 1)
    add("reason, vehicle and list together", free_text(joined({f.reason, f.make, f.model, f.colour, list})));
  if (found.empty() && !f.case_number.empty() && may_join_the_reason(f.case_number)) {
    add("reason and case_number together", scan_case_number(joined({f.reason, f.case_number})));
    if (found.empty()) add("case_number and reason together", scan_case_number(joined({f.case_number, f.reason})));
  }
  return found;
}

}  // namespace platebus::hotlist
