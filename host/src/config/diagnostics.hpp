#pragma once
// Problems found in a deployment, each tied to a place in a file: "FILE:LINE:COL: what; how to fix".
#include <string>
#include <vector>

namespace platebus::host {

struct SourceMark {
  std::string file;
  int line = 0;    // 1-based; 0 when the place is unknown
  int column = 0;  // 1-based
};

enum class Severity { error, warning };

struct Diagnostic {
  Severity severity = Severity::error;
  SourceMark where;
  std::string text;  // "what is wrong; how to fix it", with control bytes and invalid UTF-8 escaped

  std::string to_string() const;
};

class Diagnostics {
 public:
  void error(SourceMark where, std::string text);
  void warning(SourceMark where, std::string text);
  void append(const Diagnostics& other);

  bool has_errors() const;
  const std::vector<Diagnostic>& items() const { return items_; }
  std::string to_string() const;  // one line each, errors and warnings in the order found

 private:
  void add(Severity severity, SourceMark where, const std::string& text);

  std::vector<Diagnostic> items_;
};

}  // namespace platebus::host
