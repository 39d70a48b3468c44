#pragma once
// What the hot-list tests share: a fixed clock, upload options, a hot plate, and a temporary LMDB folder.
#include <filesystem>
#include <random>
#include <string>

#include "hot_plate.hpp"
#include "platebus/time.hpp"
#include "upload_result.hpp"

namespace hotlist_test {

inline platebus::Timestamp test_now() { return platebus::parse_iso8601("2026-11-28T12:00:00Z"); }

inline platebus::hotlist::ImportOptions options(std::string default_list = "") {
  platebus::hotlist::ImportOptions options;
  options.default_list = std::move(default_list);
  options.added_by = "officer1";
  options.now = test_now();
  return options;
}

// The hot plate most tests need: a stolen vehicle on `list`, entered by officer1 at `added_at`,
// any state. Each test changes the fields its case is about.
inline platebus::hotlist::HotPlateEntry hot_entry(std::string plate, std::string list = "stolen",
                                                     platebus::Timestamp added_at = test_now()) {
  platebus::hotlist::HotPlateEntry entry;
  entry.plate = std::move(plate);
  entry.category = platebus::hotlist::Category::stolen_vehicle;
  entry.reason = "stolen from lot 4";
  entry.list = std::move(list);
  entry.added_by = "officer1";
  entry.added_at = added_at;
  return entry;
}

// A fresh folder removed with everything in it when the test ends.
class TempFolder {
 public:
  TempFolder() {
    std::random_device random;
    path_ = std::filesystem::temp_directory_path() / ("platebus-hotlist-test-" + std::to_string(random()));
    std::filesystem::create_directories(path_);
  }
  ~TempFolder() {
    std::error_code ignored;
    std::filesystem::remove_all(path_, ignored);
  }
  TempFolder(const TempFolder&) = delete;
  TempFolder& operator=(const TempFolder&) = delete;
  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

}  // namespace hotlist_test

#include <ostream>

namespace platebus::hotlist {
// So Boost.Test can print categories in failed checks.
inline std::ostream& operator<<(std::ostream& out, Category category) { return out << category_name(category); }
}  // namespace platebus::hotlist
