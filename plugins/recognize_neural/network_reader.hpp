#pragma once
// Stage 3 with the plate network: a small convolutional network trained only on plates the project
// renders itself (tools/plate_model), run by OpenCV's dnn module. It reads the whole rectified
// plate region at once and spells it out column by column (CTC), so it needs no character
// segmentation: frames, bolts, state names and stacked characters are things it learned to skip.
// Of the texts its columns spell most probably (ctc_beam_search.hpp), the reader keeps the best by
// that probability weighed with how common the text's format is (plate_formats.hpp). A plate read
// unsurely is read again in views cropped slightly closer in, and each candidate text is scored
// on every view (ctc_alignment.hpp): a logo or frame edge that fools one view rarely fools all.
// Not thread-safe (a cv::dnn::Net keeps per-call state): one per worker.
#include <filesystem>
#include <memory>
#include <optional>

#include <opencv2/core.hpp>

#include "text_reader.hpp"

namespace platebus::recognition {

struct NetworkOptions {
  std::filesystem::path model;  // the ONNX file (plugins/recognize_neural/model/plate-reader.onnx)
  std::filesystem::path formats;  // the plate formats (model/us-plate-formats.json); empty: no prior
  double format_weight = 0.75;    // how much the format prior counts against the network (0: not at all)
  int views = 3;  // 1: each plate read once; 2 or 3: an unsure reading is read again, closer in
  double min_confidence = 0.7;  // readings less confident are not published, so never read again
  int min_characters = 2;
  int max_characters = 10;  // vanity plates reach 9 or 10 (1TARHEELS, SWEETTHING)
  int max_alternatives = 5;
  double margin = 0.0;   // rectified crop: extra border on each side, as a fraction of its height
};

class NetworkReader final : public TextReader {
 public:
  // Throws std::runtime_error naming the file when it cannot be loaded or is not a plate network
  // of the expected shape (input 1x1x64x128, output 1x37x1xT), or when the formats are unreadable.
  explicit NetworkReader(NetworkOptions options);
  ~NetworkReader() override;
  NetworkReader(const NetworkReader&) = delete;
  NetworkReader& operator=(const NetworkReader&) = delete;

  std::optional<PlateText> read(const cv::Mat& gray, const PlateRegion& region) override;
  // The same for an image that is already an upright plate (8-bit grey or BGR).
  std::optional<PlateText> read_upright(const cv::Mat& plate);

 private:
  struct Engine;
  struct UprightReading {
    PlateText text;
    bool at_edge = false;  // an edge character or ink in the outermost columns: a character maybe cut
  };
  std::optional<UprightReading> read_plate(const cv::Mat& plate);

  std::unique_ptr<Engine> engine_;
  NetworkOptions options_;
};

}  // namespace platebus::recognition
