#pragma once
// One plate read from one camera: what was read, how sure, where in the frame, and the pictures.
#include <string>
#include <vector>

#include "platebus/gps.hpp"
#include "platebus/image.hpp"
#include "platebus/message.hpp"
#include "platebus/time.hpp"

namespace platebus {

struct PLATEBUS_SDK_API PlateCandidate {
  std::string text;
  double confidence = 0;  // 0..1
};

struct PLATEBUS_SDK_API Point {
  double x = 0;
  double y = 0;
};

struct PLATEBUS_SDK_API PlateRead {
  static constexpr const char* kType = "PlateRead";
  // At most this many are accepted from a message (MessageError past them; docs/messages.md#limits).
  static constexpr std::size_t kMaxAlternatives = 32;
  static constexpr std::size_t kMaxCorners = 4;

  std::string read_id;  // stays the same while a pass of one car is refined
  std::string camera;
  std::string text;
  double confidence = 0;
  std::vector<PlateCandidate> alternatives;
  std::vector<Point> corners;  // four corners of the plate in the frame, clockwise from top-left
  std::string region;          // e.g. "us-ca", "" when unknown
  Timestamp captured_at{};
  GpsFix gps;
  double processing_ms = 0;
  Image plate_crop;
  Image overview;  // downscaled colour overview, JPEG
  // A read is published again while its pass is refined: revision 0 first, then 1, 2, ... for each
  // better reading, and once more with `final` set when the merge window closes. A read that is
  // never refined is one publication with revision 0 and `final` false, then its final one.
  int revision = 0;
  bool final = false;
  std::string file;  // the image or video file the frame came from; "" for a live camera

  Message to_message() const;
  static PlateRead from_message(const Message& message);
};

}  // namespace platebus
