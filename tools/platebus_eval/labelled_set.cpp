#include "platebus_eval/labelled_set.hpp"

#include <algorithm>
#include <cctype>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include <fmt/format.h>

namespace platebus::eval {

namespace fs = std::filesystem;

namespace {

bool is_image(const fs::path& file) {
  auto extension = file.extension().string();
  std::transform(extension.begin(), extension.end(), extension.begin(), [](unsigned char c) { return std::tolower(c); });
  return extension == ".jpg" || extension == ".jpeg" || extension == ".png" || extension == ".bmp";
}

std::vector<std::string> split(const std::string& line, char separator) {
  std::vector<std::string> fields;
  std::stringstream in(line);
  for (std::string field; std::getline(in, field, separator);) fields.push_back(field);
  return fields;
}

LabelledSet read_crops(const fs::path& csv) {
  LabelledSet set;
  set.crops = true;
  std::ifstream in(csv);
  int number = 0;
  for (std::string line; std::getline(in, line);) {
    ++number;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    const auto fields = split(line, ',');
    if (fields.size() < 3 || (number == 1 && fields[0] == "file")) continue;
    const auto file = csv.parent_path() / fields[0];
    if (!fs::exists(file)) {
      set.problems.push_back(fmt::format("{}:{}: no image {}", csv.string(), number, file.string()));
      continue;
    }
    set.images.push_back({file, {{normalise_plate(fields[2]), std::nullopt}}});
  }
  return set;
}

LabelledSet read_benchmark_folder(const fs::path& folder) {
  LabelledSet set;
  std::vector<fs::path> images;
  for (const auto& entry : fs::directory_iterator(folder))
    if (entry.is_regular_file() && is_image(entry.path())) images.push_back(entry.path());
  std::sort(images.begin(), images.end());
  for (const auto& image : images) {
    LabelledImage labelled{image, {}};
    auto labels = image;
    labels.replace_extension(".txt");
    std::ifstream in(labels);
    int number = 0;
    for (std::string line; std::getline(in, line);) {
      ++number;
      if (!line.empty() && line.back() == '\r') line.pop_back();
      if (line.empty()) continue;
      const auto fields = split(line, '\t');
      try {
        if (fields.size() < 6) throw std::invalid_argument("fewer than 6 tab-separated fields");
        const cv::Rect box(std::stoi(fields[1]), std::stoi(fields[2]), std::stoi(fields[3]), std::stoi(fields[4]));
        labelled.plates.push_back({normalise_plate(fields[5]), box});
      } catch (const std::exception& e) {
        set.problems.push_back(fmt::format("{}:{}: {}", labels.string(), number, e.what()));
      }
    }
    set.images.push_back(std::move(labelled));
  }
  return set;
}

}  // namespace

std::string normalise_plate(const std::string& text) {
  std::string plate;
  for (const unsigned char c : text)
    if (std::isalnum(c)) plate += static_cast<char>(std::toupper(c));
  return plate;
}

LabelledSet read_labelled_set(const fs::path& where) {
  if (fs::is_regular_file(where) && where.extension() == ".csv") return read_crops(where);
  if (fs::is_directory(where) && fs::exists(where / "groundtruth.csv")) return read_crops(where / "groundtruth.csv");
  if (fs::is_directory(where)) return read_benchmark_folder(where);
  throw std::runtime_error(fmt::format("'{}' is neither a folder of labelled images nor a crops CSV", where.string()));
}

}  // namespace platebus::eval
