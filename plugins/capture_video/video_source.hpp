#pragma once
// What a `source` string names (a video file, a V4L2 device, a network stream) and how to open it
// with OpenCV so that a dead network peer cannot block a read for ever.
#include <chrono>
#include <opencv2/videoio.hpp>
#include <string>

namespace platebus::capture_video {

enum class SourceKind { file, device, network };

struct VideoSource {
  std::string text;  // as configured
  SourceKind kind = SourceKind::file;
  int device_index = -1;  // for an integer source ("0")

  bool is_live() const { return kind != SourceKind::file; }
};

// "0" or "/dev/video2": a V4L2 device; "rtsp://...", "http://..." (any scheme://): a network stream;
// anything else: a video file. Throws std::invalid_argument saying what is wrong.
VideoSource parse_video_source(const std::string& text);

// Opens `source` into `capture`. Network streams get open and read timeouts of `timeout`, so a
// stalled peer shows up as a failed read rather than a hang. Returns false when it cannot be opened.
bool open_video(cv::VideoCapture& capture, const VideoSource& source, std::chrono::milliseconds timeout);

// The frame rate the source reports, or 0 when it does not know.
double reported_fps(cv::VideoCapture& capture);

}  // namespace platebus::capture_video
