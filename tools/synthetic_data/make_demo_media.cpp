// make_demo_media OUT_DIR: renders synthetic plates for the demo deployment: colour images in
// OUT_DIR/images, their infrared twins (same file stem) in OUT_DIR/infrared, and a short MJPG video
// OUT_DIR/passing.avi. Everything comes from the project's own renderer.
#include <filesystem>
#include <iostream>
#include <random>

#include <fmt/format.h>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/videoio.hpp>

#include "plate_renderer.hpp"

namespace fs = std::filesystem;
using platebus::synthetic::PlateRenderer;
using platebus::synthetic::SceneOptions;

int main(int argc, char** argv) {
  if (argc != 2) {
    std::cerr << "usage: make_demo_media OUT_DIR\n";
    return 2;
  }
  const fs::path out = argv[1];
  fs::create_directories(out / "images");
  fs::create_directories(out / "infrared");
  PlateRenderer renderer;
  std::mt19937 rng(2026);
  const std::vector<std::string> plates = {"7ABC123", "4XYZ982", "8KLM551", "6TRK404", "3DEF777", "5GHJ210"};
  SceneOptions options;
  options.size = {960, 540};
  for (std::size_t i = 0; i < plates.size(); ++i) {
    options.night = i % 3 == 2;
    const auto scene = renderer.render_scene({plates[i]}, options, rng);
    const auto stem = fmt::format("{:02}-{}", i + 1, plates[i]);
    if (!cv::imwrite((out / "images" / (stem + ".jpg")).string(), scene.color) ||
        !cv::imwrite((out / "infrared" / (stem + ".png")).string(), scene.infrared)) {
      std::cerr << "make_demo_media: cannot write into " << out << "\n";
      return 1;
    }
  }
  cv::VideoWriter video((out / "passing.avi").string(), cv::VideoWriter::fourcc('M', 'J', 'P', 'G'), 10, {640, 360});
  if (!video.isOpened()) {
    std::cerr << "make_demo_media: this OpenCV cannot write MJPG video\n";
    return 1;
  }
  options = {};
  options.size = {640, 360};
  options.infrared = false;
  for (int frame = 0; frame < 30; ++frame) video.write(renderer.render_scene({plates[frame / 10]}, options, rng).color);
  std::cout << "demo media written to " << out << "\n";
  return 0;
}
