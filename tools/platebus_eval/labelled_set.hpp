#pragma once
// A labelled evaluation set: images with the plates a person read on them. Two layouts:
//   OpenALPR benchmark folder: IMAGE plus IMAGE-stem.txt lines "file<TAB>x<TAB>y<TAB>w<TAB>h<TAB>PLATE"
//   crops CSV: lines "file,state,PLATE" naming plate crops beside the CSV (the whole image is the plate)
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include <opencv2/core.hpp>

namespace platebus::eval {

struct LabelledPlate {
  std::string text;        // normalised: A-Z and 0-9 only
  std::optional<cv::Rect> box;  // none for crops: the whole image
};

struct LabelledImage {
  std::filesystem::path file;
  std::vector<LabelledPlate> plates;
};

struct LabelledSet {
  std::vector<LabelledImage> images;
  bool crops = false;             // every image is one plate crop
  std::vector<std::string> problems;  // lines that could not be read, with file and line number
};

// Reads a benchmark folder, or a crops CSV (a .csv file, or a folder holding groundtruth.csv).
// Throws std::runtime_error when `where` holds neither.
LabelledSet read_labelled_set(const std::filesystem::path& where);

// Upper case, letters and digits only: "7abc 123" and "7ABC-123" both become "7ABC123".
std::string normalise_plate(const std::string& text);

}  // namespace platebus::eval
