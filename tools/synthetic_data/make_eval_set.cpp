// make_eval_set OUT_DIR [COUNT] [SEED]: renders the synthetic evaluation set in the OpenALPR
// benchmark layout (IMAGE.jpg + IMAGE.txt: file TAB x TAB y TAB w TAB h TAB PLATE), for
// platebus-eval. Varied on purpose: day and night, tilt, blur, noise, one or two cars, every
// plate style. The committed set was made with the
// defaults (tests/data/synthetic-eval/README.md says how).
#include <filesystem>
#include <fstream>
#include <iostream>
#include <random>

#include <fmt/format.h>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include "plate_renderer.hpp"

namespace fs = std::filesystem;
using namespace platebus::synthetic;

namespace {

// US-style layouts: 7ABC123, ABC1234, 1ABC23, AB12345.
std::string random_plate(std::mt19937& rng) {
  static const char* kLayouts[] = {"9AAA999", "AAA9999", "9AAA99", "AA99999", "999AAA"};
  const std::string layout = kLayouts[rng() % std::size(kLayouts)];
  std::string plate;
  for (const char c : layout) {
    // No I, O or Q on plates in most states: they read as 1 and 0.
    static const std::string kLetters = "ABCDEFGHJKLMNPRSTUVWXYZ";
    plate += c == 'A' ? kLetters[rng() % kLetters.size()] : static_cast<char>('0' + rng() % 10);
  }
  return plate;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::cerr << "usage: make_eval_set OUT_DIR [COUNT=40] [SEED=7]\n";
    return 2;
  }
  const fs::path out = argv[1];
  const int count = argc > 2 ? std::stoi(argv[2]) : 40;
  std::mt19937 rng(argc > 3 ? static_cast<unsigned>(std::stoul(argv[3])) : 7u);
  fs::create_directories(out);
  PlateRenderer renderer;
  for (int i = 1; i <= count; ++i) {
    SceneOptions options;
    options.size = {960, 540};
    options.night = i % 4 == 0;
    options.max_tilt_deg = 4 + (i % 5) * 3;
    options.blur_sigma = 0.3 + (i % 3) * 0.4;
    options.noise_sigma = 2 + (i % 4) * 2;
    options.infrared = false;
    std::vector<std::string> texts{random_plate(rng)};
    if (i % 6 == 0) texts.push_back(random_plate(rng));
    const auto scene = renderer.render_scene(texts, options, rng);
    const auto stem = fmt::format("synthetic{:03}", i);
    if (!cv::imwrite((out / (stem + ".jpg")).string(), scene.color, {cv::IMWRITE_JPEG_QUALITY, 85})) {
      std::cerr << "make_eval_set: cannot write into " << out << "\n";
      return 1;
    }
    std::ofstream labels(out / (stem + ".txt"));
    for (const auto& plate : scene.plates) {
      std::vector<cv::Point2f> corners(plate.corners.begin(), plate.corners.end());
      const auto box = cv::boundingRect(corners);
      labels << stem << ".jpg\t" << box.x << '\t' << box.y << '\t' << box.width << '\t' << box.height << '\t'
             << plate.text << '\n';
    }
  }
  std::cout << "wrote " << count << " labelled images to " << out << "\n";
  return 0;
}
