// recognize.tesseract: finds every plate in a frame with OpenCV and reads it with stock Tesseract
// (recognizer_plugin.hpp does the rest). Kept beside recognize.neural as the baseline it beats.
#include "recognizer_plugin.hpp"
#include "tesseract_reader.hpp"

namespace {

using namespace platebus;
using namespace platebus::recognition;

constexpr auto kConfig = recognizer_config(std::array<ConfigKey, 2>{{
    {"tessdata", ConfigType::path, "\"\"", "Tesseract's tessdata folder; empty uses the system's"},
    {"language", ConfigType::string, "\"eng\"", "Tesseract language model"},
}});

class RecognizeTesseract final : public RecognizerPlugin {
 protected:
  void configure_reader(Context& ctx) override {
    options_.max_alternatives = max_alternatives();
    options_.tessdata_dir = ctx.config().at("tessdata").get<std::string>();
    options_.language = ctx.config().at("language").get<std::string>();
  }
  std::unique_ptr<TextReader> make_reader() override { return std::make_unique<TesseractReader>(options_); }
  std::string reader_fix() const override {
    return fmt::format("install tesseract-ocr-{} or set tessdata", options_.language);
  }
  std::string reader_name() const override { return "Tesseract"; }

 private:
  TesseractOptions options_;
};

}  // namespace

PLATEBUS_PLUGIN(platebus::describe_plugin<RecognizeTesseract>(
    "recognize.tesseract", "0.2.0", "Finds plates with OpenCV and reads them with Tesseract", kRecognizerPorts, kConfig))
