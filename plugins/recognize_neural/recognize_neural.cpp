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
    {"format_weight", ConfigType::number, "0.75",
     "how much a reading's format counts against the network's probability when choosing (0 to 3; 0: not at all)"},
    {"views", ConfigType::integer, "3",
     "1 reads each plate once; 2 or 3 read an unsure plate again, cropped closer in, and keep the text the views "
     "together find likeliest"},
    {"margin", ConfigType::number, "0.0",
     "border kept around a detected plate before it is read, as a fraction of its height (0 to 0.5)"},
}});

// The folder this plugin was loaded from: the network is installed beside it.
std::filesystem::path plugin_folder() {
  Dl_info info{};
  if (dladdr(reinterpret_cast<const void*>(&plugin_folder), &info) == 0 || info.dli_fname == nullptr) return {};
  return std::filesystem::path(info.dli_fname).parent_path();
}

class RecognizeNeural final : public RecognizerPlugin {
 protected:
  void configure_reader(Context& ctx) override {
    options_.max_alternatives = max_alternatives();
    options_.min_confidence = min_confidence();
    const auto model = ctx.setting<std::string>("model");
    options_.model = model.empty() ? plugin_folder() / "plate-reader.onnx" : std::filesystem::path(model);
    if (!std::filesystem::is_regular_file(options_.model))
      throw ConfigError(fmt::format("model: there is no plate network at '{}'; give the path of plate-reader.onnx, "
                                    "or leave model empty to use the one installed beside the plugin",
                                    options_.model.string()));
    const auto formats = ctx.setting<std::string>("formats");
    options_.formats = formats.empty() ? plugin_folder() / "us-plate-formats.json" : std::filesystem::path(formats);
    if (!std::filesystem::is_regular_file(options_.formats))
      throw ConfigError(fmt::format("formats: there is no plate-formats file at '{}'; give the path of a JSON file "
                                    "like us-plate-formats.json, or leave formats empty to use the one installed "
                                    "beside the plugin",
                                    options_.formats.string()));
    options_.format_weight = ctx.setting<double>("format_weight");
    if (options_.format_weight < 0 || options_.format_weight > 3)
      throw ConfigError(fmt::format("format_weight is {}; give a value from 0 to 3", options_.format_weight));
    options_.views = static_cast<int>(ranged_setting(ctx, "views", 1, 3));
    options_.margin = ctx.setting<double>("margin");
    if (options_.margin < 0 || options_.margin > 0.5)
      throw ConfigError(fmt::format("margin is {}; give a value from 0 to 0.5", options_.margin));
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
