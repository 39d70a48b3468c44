#include "video_source.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <filesystem>
#include <stdexcept>
#include <vector>

namespace platebus::capture_video {

VideoSource parse_video_source(const std::string& text) {
  VideoSource source;
  source.text = text;
  if (text.empty()) throw std::invalid_argument("it is empty; give a video file, a device (0 or /dev/video0) or a URL");
  if (std::all_of(text.begin(), text.end(), [](unsigned char c) { return std::isdigit(c); })) {
    if (text.size() > 4) throw std::invalid_argument("'" + text + "' is not a usable device number");
    source.kind = SourceKind::device;
    source.device_index = std::stoi(text);
  } else if (text.rfind("/dev/", 0) == 0) {
    source.kind = SourceKind::device;
  } else if (text.find("://") != std::string::npos) {
    source.kind = SourceKind::network;
  } else {
    std::error_code ec;
    if (!std::filesystem::is_regular_file(text, ec))
      throw std::invalid_argument("'" + text + "' is not an existing video file (nor a device or a URL)");
    source.kind = SourceKind::file;
  }
  return source;
}

bool open_video(cv::VideoCapture& capture, const VideoSource& source, std::chrono::milliseconds timeout) {
  const int ms = static_cast<int>(std::min<long long>(timeout.count(), 1'000'000));
  try {
    switch (source.kind) {
      case SourceKind::device:
        // V4L2 directly: the default backend order would also offer a device path to FFmpeg and GStreamer.
        if (source.device_index >= 0)
          capture.open(source.device_index, cv::CAP_V4L2);
        else
          capture.open(source.text, cv::CAP_V4L2);
        if (capture.isOpened()) capture.set(cv::CAP_PROP_READ_TIMEOUT_MSEC, ms);  // ignored where unsupported
        break;
      case SourceKind::network:
        // FFmpeg only: it honours both timeouts, and trying the other backends on every reconnection
        // attempt would only add their error messages (GStreamer and CV_IMAGES cannot read a URL here).
        capture.open(source.text, cv::CAP_FFMPEG,
                     std::vector<int>{cv::CAP_PROP_OPEN_TIMEOUT_MSEC, ms, cv::CAP_PROP_READ_TIMEOUT_MSEC, ms});
        break;
      case SourceKind::file:
        capture.open(source.text, cv::CAP_FFMPEG);
        if (!capture.isOpened()) capture.open(source.text, cv::CAP_ANY);
        break;
    }
  } catch (const cv::Exception&) {
    capture.release();
  }
  return capture.isOpened();
}

double reported_fps(cv::VideoCapture& capture) {
  const double fps = capture.get(cv::CAP_PROP_FPS);
  // Containers without a rate report 0, NaN or nonsense such as 90000 (a time base).
  return std::isfinite(fps) && fps > 0 && fps <= 1000 ? fps : 0;
}

}  // namespace platebus::capture_video
