// recognize.neural: finds every plate in a frame with OpenCV and reads it with the plate network,
// a small convolutional network trained only on plates the project renders (tools/plate_model),
// run by OpenCV's dnn module (recognizer_plugin.hpp does the rest).
#include <dlfcn.h>

#include <filesystem>

#include "network_reader.hpp"
#include "recognizer_plugin.hpp"

namespace {

using namespace platebus;
using namespace platebus::recognition;

constexpr auto kConfig = recognizer_config(std::array<ConfigKey, 5>{{
    {"model", ConfigType::path, "\"\"",
     "the plate network (ONNX); empty uses plate-reader.onnx installed beside this plugin"},
    {"formats", ConfigType::path, "\"\"",
     "plate formats and how common each is (JSON, see docs/recognition.md); empty uses us-plate-formats.json "
     "installed beside this plugin"},
    ConfigKey{"format_weight", ConfigType::number, "0.75",
              "how much a reading's format counts against the network's probability when choosing (0: not at all)"}
        .between("0", "3"),
    ConfigKey{"views", ConfigType::integer, "3",
              "1 reads each plate once; 2 or 3 read an unsure plate again, cropped closer in, and keep the text the "
              "views together find likeliest"}
        .between("1", "3"),
    ConfigKey{"margin", ConfigType::number, "0.0",
              "border kept around a detected plate before it is read, as a fraction of its height"}
        .between("0", "0.5"),
}});

// The folder this plugin was loaded from: the network and its formats are installed beside it.
std::filesystem::path plugin_folder() {
  Dl_info info{};
  if (dladdr(reinterpret_cast<const void*>(&plugin_folder), &info) == 0 || info.dli_fname == nullptr) return {};
  return std::filesystem::path(info.dli_fname).parent_path();
}

// A file setting: the file named `installed` beside this plugin when it is empty. ConfigError
// when there is no such file, saying what it should be (`what`, `example`).
std::filesystem::path installed_or_given(const Context& ctx, const char* key, const char* installed, const char* what,
                                         const char* example) {
  const auto given = ctx.config().at(key).get<std::string>();
  auto file = given.empty() ? plugin_folder() / installed : std::filesystem::path(given);
  if (!std::filesystem::is_regular_file(file))
    throw ConfigError(fmt::format("{}: there is no {} at '{}'; give the path of {}, or leave {} empty to use the one "
                                  "installed beside the plugin",
                                  key, what, file.string(), example, key));
  return file;
}

class RecognizeNeural final : public RecognizerPlugin {
 protected:
  void configure_reader(Context& ctx) override {
    options_.max_alternatives = max_alternatives();
    options_.min_confidence = min_confidence();
    options_.model = installed_or_given(ctx, "model", "plate-reader.onnx", "plate network", "plate-reader.onnx");
    options_.formats = installed_or_given(ctx, "formats", "us-plate-formats.json", "plate-formats file",
                                          "a JSON file like us-plate-formats.json");
    options_.format_weight = ctx.config().at("format_weight").get<double>();
    options_.views = ctx.config().at("views").get<int>();
    options_.margin = ctx.config().at("margin").get<double>();
  }
  std::unique_ptr<TextReader> make_reader() override { return std::make_unique<NetworkReader>(options_); }
  std::string reader_fix() const override {
    return "regenerate it with tools/plate_model (see its README) or reinstall PlateBus";
  }
  std::string reader_name() const override { return "the plate network"; }

 private:
  NetworkOptions options_;
};

}  // namespace

PLATEBUS_PLUGIN(platebus::describe_plugin<RecognizeNeural>(
    "recognize.neural", "0.1.0", "Finds plates with OpenCV and reads them with a plate-trained neural network",
    kRecognizerPorts, kConfig))
