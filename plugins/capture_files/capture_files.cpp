// capture.files: publishes still images from a folder or a list as Frames, so a recogniser can be
// evaluated on a labelled image set (each frame names its file) or demonstrated without a camera.
#include <algorithm>
#include <chrono>
#include <filesystem>
#include <map>
#include <memory>
#include <platebus/frame.hpp>
#include <platebus/opencv.hpp>
#include <platebus/plugin.hpp>
#include <platebus/time.hpp>
#include <set>
#include <string>
#include <vector>

#include "capture_common/frame_pacer.hpp"
#include "capture_common/gps_source.hpp"
#include "image_list.hpp"
#include "image_loading.hpp"

namespace {

namespace fs = std::filesystem;
namespace files = platebus::capture_files;

constexpr platebus::PortSpec kPorts[] = {
    {"frames", platebus::PortDirection::output, "Frame", platebus::Delivery::latest,
     "One frame per readable image: colour as 8-bit BGR, infrared (8-bit grey) when a paired image exists, and "
     "the image's path under header \"file\". Delivered as latest by default; an evaluation that must see every "
     "image binds it with delivery: lossless, which also paces the replay to the slowest subscriber"},
};

constexpr platebus::ConfigKey kConfigKeys[] = {
    {"path", platebus::ConfigType::path, "\"\"",
     "A folder whose .jpg/.jpeg/.png/.bmp files (any letter case, not in sub-folders) are published in name "
     "order, or a single image file. Give either path or files"},
    {"files", platebus::ConfigType::path_list, "[]",
     "Image files to publish, in this order; the alternative to path"},
    platebus::ConfigKey{"fps", platebus::ConfigType::number, "0",
                        "Images per second; 0 = as fast as downstream takes them (with a lossless binding the "
                        "publish waits for slow subscribers, which paces the replay)"}
        .between("0", "1000"),
    {"loop", platebus::ConfigType::boolean, "false",
     "Start again from the first image after the last; otherwise the instance finishes after one pass"},
    {"camera", platebus::ConfigType::string, "\"\"", "Camera id written into each frame; empty means the instance id"},
    {"infrared_path", platebus::ConfigType::path, "\"\"",
     "A folder of infrared images paired with the colour ones by file stem (cars/001.jpg with ir/001.png); a "
     "colour image without a pair is published without infrared. Empty = no infrared"},
    platebus::capture::kGpsConfigKey,
};

// Lists a configured folder; an unreadable one (permissions) is a configuration mistake to report.
template <class List>
auto listed_or_config_error(const char* key, const fs::path& folder, List list) -> decltype(list(folder)) {
  try {
    return list(folder);
  } catch (const fs::filesystem_error& e) {
    throw platebus::ConfigError(fmt::format("{}: cannot list '{}': {}", key, folder.string(), e.code().message()));
  }
}

class CaptureFiles final : public platebus::Plugin {
 public:
  // What the key table cannot say: exactly one of path and files.
  static std::vector<platebus::ConfigProblem> validate(const nlohmann::json& config) {
    const bool path = !config.at("path").get<std::string>().empty();
    if (path == config.at("files").empty()) return {};
    return {{path ? "files" : "", path ? "path and files are both set; give only one of them"
                                      : "give either path (a folder or an image file) or files (a list of image "
                                        "files)"}};
  }

  void configure(platebus::Context& ctx) override {
    const auto& config = ctx.config();
    files_ = listed_files(config);
    fps_ = config.at("fps").get<double>();

    loop_ = config.at("loop").get<bool>();
    camera_ = config.at("camera").get<std::string>();
    if (camera_.empty()) camera_ = ctx.instance_id();

    const fs::path infrared = config.at("infrared_path").get<std::string>();
    if (!infrared.empty()) {
      std::error_code ec;
      if (!fs::is_directory(infrared, ec))
        throw platebus::ConfigError(
            fmt::format("infrared_path: '{}' is not a folder; give the folder of infrared "
                        "images, or \"\" for none",
                        infrared.string()));
      infrared_by_stem_ = listed_or_config_error("infrared_path", infrared, files::images_by_stem);
      if (infrared_by_stem_.empty())
        ctx.warn("infrared_path: '{}' holds no images; frames carry no infrared", infrared.string());
    }

    gps_ = platebus::capture::make_gps_source(config.at("gps"), ctx);
  }

  void run(platebus::Context& ctx) override {
    ctx.info("publishing {} image file(s){}{}{}, camera \"{}\"", files_.size(),
             fps_ > 0 ? fmt::format(" at {} fps", fps_) : std::string(" as fast as downstream takes them"),
             loop_ ? ", looping" : "", infrared_by_stem_.empty() ? "" : ", with infrared pairs", camera_);
    unreadable_.assign(files_.size(), false);
    platebus::capture::FramePacer pacer(fps_);
    for (int pass = 1;; ++pass) {
      std::size_t published = 0;
      for (std::size_t i = 0; i < files_.size(); ++i) {
        if (ctx.stopping()) return;
        if (unreadable_[i]) continue;  // said once on the first pass; not read again
        if (!publish_file(ctx, i)) continue;
        ++published;
        if (!pacer.wait(ctx)) return;
      }
      const std::size_t bad = std::count(unreadable_.begin(), unreadable_.end(), true);
      if (!loop_) {
        ctx.info("published {} of {} files ({} unreadable)", published, files_.size(), bad);
        return;
      }
      if (published == 0) {
        ctx.error("none of the {} files is readable, so looping would publish nothing; finished", files_.size());
        return;
      }
      if (pass == 1)
        ctx.info("first pass: published {} of {} files ({} unreadable); looping", published, files_.size(), bad);
    }
  }

 private:
  // The files named by `path` or `files`, checked so that a typo is reported before anything runs.
  static std::vector<fs::path> listed_files(const nlohmann::json& config) {
    const fs::path path = config.at("path").get<std::string>();
    const auto& listed = config.at("files");
    std::error_code ec;
    if (!path.empty()) {
      if (fs::is_directory(path, ec)) {
        auto images = listed_or_config_error("path", path, files::images_in_folder);
        if (images.empty())
          throw platebus::ConfigError(
              fmt::format("path: the folder '{}' holds no .jpg, .jpeg, .png or .bmp files", path.string()));
        return images;
      }
      if (fs::is_regular_file(path, ec)) return {path};
      throw platebus::ConfigError(fmt::format(
          "path: '{}' does not exist (or is not a file or folder); give a folder of images or one image file",
          path.string()));
    }

    std::vector<fs::path> images;
    for (std::size_t i = 0; i < listed.size(); ++i) {
      const fs::path file = listed[i].get<std::string>();
      if (!fs::is_regular_file(file, ec))
        throw platebus::ConfigError(fmt::format("files[{}]: '{}' is not an existing file", i, file.string()));
      images.push_back(file);
    }
    return images;
  }

  // Publishes files_[i]; false (after one logged error) when its image is unusable.
  bool publish_file(platebus::Context& ctx, std::size_t i) {
    const fs::path& file = files_[i];
    files::LoadedImage color = files::load_image(file, files::ImageRole::color);
    if (!color.problem.empty()) {
      ctx.error("{}: {}; skipped", file.string(), color.problem);
      unreadable_[i] = true;
      return false;
    }

    platebus::Frame frame;
    frame.camera = camera_;
    frame.sequence = ++sequence_;
    frame.captured_at = platebus::now_utc();
    frame.gps = gps_->current();
    frame.colour = platebus::image_from_mat(color.pixels);

    std::string infrared_file;
    if (const auto pair = infrared_by_stem_.find(file.stem().string()); pair != infrared_by_stem_.end()) {
      files::LoadedImage infrared = files::load_image(pair->second, files::ImageRole::infrared);
      if (infrared.problem.empty()) {
        frame.infrared = platebus::image_from_mat(infrared.pixels);
        infrared_file = pair->second.string();
      } else if (unreadable_infrared_.insert(pair->second).second) {  // said once, not every loop
        ctx.error("{}: {}; {} is published without infrared", pair->second.string(), infrared.problem, file.string());
      }
    }

    platebus::Message message = frame.to_message();
    message.header["file"] = file.string();  // so an evaluation can match the frame with its labels
    if (!infrared_file.empty()) message.header["infrared_file"] = infrared_file;
    ctx.publish("frames", std::move(message));
    return true;
  }

  std::vector<fs::path> files_;
  std::vector<bool> unreadable_;
  std::map<std::string, fs::path> infrared_by_stem_;
  std::set<fs::path> unreadable_infrared_;
  double fps_ = 0;
  bool loop_ = false;
  std::string camera_;
  std::unique_ptr<platebus::capture::GpsSource> gps_;
  std::uint64_t sequence_ = 0;
};

}  // namespace

PLATEBUS_PLUGIN(platebus::describe_plugin<CaptureFiles>("capture.files", "1.0.0",
                                                        "Publishes images from a folder or a list of files as Frames",
                                                        kPorts, kConfigKeys))
