#include "ocr_confusions.hpp"

#include <algorithm>
#include <queue>
#include <set>

namespace platebus::recognition {

const std::vector<std::string_view>& confusion_groups() {
  static const std::vector<std::string_view> groups{"0ODQ", "1ILT", "2Z", "5S", "6G", "8B"};
  return groups;
}

std::string confusion_partners(char c) {
  std::string out;
  for (const auto group : confusion_groups())
    if (group.find(c) != std::string_view::npos)
      for (const char p : group)
        if (p != c && out.find(p) == std::string::npos) out += p;
  return out;
}

bool confusable(char a, char b) { return a == b || confusion_partners(a).find(b) != std::string::npos; }

namespace {

bool plate_char(char c) { return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'); }

}  // namespace

std::vector<Alternative> build_alternatives(const std::vector<ReadCharacter>& characters,
                                            const AlternativeOptions& options) {
  std::vector<Alternative> out;
  if (characters.empty() || options.max_alternatives == 0) return out;

  // Per position, the candidate characters, most confident first; position's [0] is the read one.
  std::vector<std::vector<CharacterChoice>> lists;
  std::string main_text;
  for (const auto& ch : characters) {
    std::vector<CharacterChoice> list;
    if (ch.choices.empty() || !plate_char(ch.choices[0].symbol)) return out;
    const CharacterChoice read{ch.choices[0].symbol, std::clamp(ch.choices[0].confidence, 0.0, 1.0)};
    main_text += read.symbol;
    list.push_back(read);
    auto add = [&](char s, double c) {
      if (!plate_char(s) || c < options.min_choice) return;
      for (auto& e : list)
        if (e.symbol == s) {
          if (&e != &list.front()) e.confidence = std::max(e.confidence, c);
          return;
        }
      list.push_back({s, c});
    };
    for (std::size_t i = 1; i < ch.choices.size(); ++i)
      add(ch.choices[i].symbol, std::clamp(ch.choices[i].confidence, 0.0, 1.0));
    if (read.confidence < options.low_confidence) {
      const std::string partners = confusion_partners(read.symbol);
      const double share = options.partner_share * (1.0 - read.confidence);
      for (const char p : partners) add(p, share);
    }
    std::sort(list.begin() + 1, list.end(), [](const auto& a, const auto& b) { return a.confidence > b.confidence; });
    lists.push_back(std::move(list));
  }

  // Best-first enumeration of index vectors by product of confidences. Each state is reached
  // from exactly one parent (the usual k-best scheme: only raise positions at or after the last
  // raised one), so no state is pushed twice.
  struct State {
    double score;
    std::vector<std::size_t> index;
    std::size_t last;  // the rightmost position raised so far
    bool operator<(const State& o) const { return score < o.score; }
  };
  auto score_of = [&](const std::vector<std::size_t>& idx) {
    double s = 1;
    for (std::size_t p = 0; p < idx.size(); ++p) s *= lists[p][idx[p]].confidence;
    return s;
  };
  std::priority_queue<State> queue;
  std::vector<std::size_t> zero(lists.size(), 0);
  queue.push({score_of(zero), zero, 0});
  std::set<std::string> seen{main_text};
  std::size_t popped = 0;
  while (!queue.empty() && out.size() < options.max_alternatives && popped < 10000) {
    State s = queue.top();
    queue.pop();
    ++popped;
    std::string text;
    for (std::size_t p = 0; p < s.index.size(); ++p) text += lists[p][s.index[p]].symbol;
    if (seen.insert(text).second) out.push_back({text, s.score});
    for (std::size_t p = s.last; p < lists.size(); ++p) {
      // Raise position p: either a fresh raise (index 0 -> 1) at or after `last`, or continue
      // raising `last` itself.
      if (p != s.last && s.index[p] != 0) continue;
      if (s.index[p] + 1 >= lists[p].size()) continue;
      State next = s;
      ++next.index[p];
      next.last = p;
      next.score = score_of(next.index);
      queue.push(std::move(next));
    }
  }
  std::stable_sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.confidence > b.confidence; });
  return out;
}

}  // namespace platebus::recognition
