#include "csv_reader.hpp"

namespace platebus::hotlist {

CsvReader::CsvReader(std::string_view text, char delimiter, std::size_t first_line)
    : text_(text), delimiter_(delimiter), line_(first_line) {}

bool CsvReader::next(CsvRecord& record) {
  error_.clear();
  // Blank lines between records carry nothing: skip them but keep counting.
  while (at_ < text_.size() && (text_[at_] == '\n' || text_[at_] == '\r')) {
    if (text_[at_] == '\n') ++line_;
    ++at_;
  }
  if (at_ >= text_.size()) return false;

  record.line = line_;
  record.field_count = 0;
  auto start_field = [&]() -> std::string& {
    if (record.fields.size() <= record.field_count) record.fields.emplace_back();
    auto& field = record.fields[record.field_count++];
    field.clear();
    return field;
  };
  auto skip_rest_of_record = [&] {
    while (at_ < text_.size() && text_[at_] != '\n') ++at_;
    if (at_ < text_.size()) ++at_, ++line_;
  };

  std::string* field = &start_field();
  while (at_ < text_.size()) {
    const char c = text_[at_];
    if (c == '"' && field->empty()) {
      const std::size_t opened_line = line_;
      ++at_;
      bool closed = false;
      while (at_ < text_.size()) {
        // Copy the run up to the next quote in one go: most quoted fields have none inside.
        const std::size_t quote = text_.find('"', at_);
        const std::size_t end = quote == std::string_view::npos ? text_.size() : quote;
        for (std::size_t k = at_; k < end; ++k)
          if (text_[k] == '\n') ++line_;
        field->append(text_.substr(at_, end - at_));
        at_ = end;
        if (quote == std::string_view::npos) break;
        if (at_ + 1 < text_.size() && text_[at_ + 1] == '"') {
          *field += '"';
          at_ += 2;
          continue;
        }
        ++at_;
        closed = true;
        break;
      }
      if (!closed) {
        error_ = "a quoted field opened on line " + std::to_string(opened_line) +
                 " is never closed; end it with \" (a quote inside a field is written \"\")";
        return true;
      }
      if (at_ < text_.size() && text_[at_] != delimiter_ && text_[at_] != '\r' && text_[at_] != '\n') {
        error_ = "text follows a closing quote on line " + std::to_string(line_) +
                 "; quote the whole field and double any quote inside it (\"\")";
        skip_rest_of_record();
        return true;
      }
      continue;
    }
    if (c == delimiter_) {
      field = &start_field();
      ++at_;
    } else if (c == '\n' || c == '\r') {
      if (c == '\r' && at_ + 1 < text_.size() && text_[at_ + 1] == '\n') ++at_;
      ++at_;
      ++line_;
      return true;
    } else if (c == '"') {
      error_ = "a quote inside an unquoted field on line " + std::to_string(line_) +
               "; quote the whole field and double the quote inside it (\"\")";
      skip_rest_of_record();
      return true;
    } else {
      // Plain run up to the next special character.
      std::size_t end = at_ + 1;
      while (end < text_.size() && text_[end] != delimiter_ && text_[end] != '\n' && text_[end] != '\r' &&
             text_[end] != '"')
        ++end;
      field->append(text_.substr(at_, end - at_));
      at_ = end;
    }
  }
  return true;
}

}  // namespace platebus::hotlist
