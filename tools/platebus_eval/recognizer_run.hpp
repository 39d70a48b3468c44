#pragma once
// Runs a recognizer plugin (the very shared object the host loads) over a labelled set: each image
// becomes a Frame given to the plugin through a Context of our own, and what the plugin publishes
// (PlateReads and FrameResults) is collected per image.
#include <filesystem>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>
#include <opencv2/core.hpp>

#include "platebus_eval/labelled_set.hpp"
#include "loader/plugin_catalog.hpp"
#include "platebus/image.hpp"

namespace platebus::eval {

struct ReadOutcome {
  std::string text;
  std::vector<std::string> alternatives;
  cv::Rect box;  // bounds of the read's corners
  Image crop;    // the plate as the reader saw it (as published: JPEG), empty when none
};

struct ImageOutcome {
  std::filesystem::path file;
  std::string error;  // the image could not be loaded or read
  bool finished = false;
  double total_ms = 0, detect_ms = 0, rank_ms = 0, read_ms = 0;
  std::vector<cv::Rect> regions;  // ranked regions the detector proposed
  std::vector<ReadOutcome> reads;
};

struct RunOutcome {
  std::vector<ImageOutcome> images;
  double wall_s = 0;  // from the first frame handed over to the last result: throughput, with workers
};

// `settings`: the plugin's config keys as JSON, already checked (defaults filled in).
// Throws std::runtime_error if the plugin cannot start or stops answering.
RunOutcome run_recognizer(const host::PluginLibrary& plugin, const nlohmann::json& settings, const LabelledSet& set);

}  // namespace platebus::eval
