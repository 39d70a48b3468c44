#include "platebus_eval/failures.hpp"

#include <fstream>

#include <fmt/format.h>

#include "platebus/opencv.hpp"

namespace platebus::eval {

namespace fs = std::filesystem;

void write_failures(const Score& score, const fs::path& folder) {
  fs::create_directories(folder);
  std::ofstream misses(folder / "misses.tsv");
  if (!misses) throw fs::filesystem_error("cannot write misses.tsv", folder, std::make_error_code(std::errc::io_error));
  misses << "file\texpected\tgot\tdetected\tcrop\n";
  int miss = 0;
  for (const auto& verdict : score.verdicts) {
    if (verdict.top1) continue;
    ++miss;
    const auto crop = save_image(verdict.crop, folder / fmt::format("{:03}-{}.read", miss, verdict.file.stem().string()));
    misses << verdict.file.string() << '\t' << verdict.expected << '\t' << verdict.got << '\t'
           << (verdict.detected ? "yes" : "no") << '\t' << crop.filename().string() << '\n';
    std::error_code ec;
    fs::copy_file(verdict.file, folder / verdict.file.filename(), fs::copy_options::skip_existing, ec);
  }
}

}  // namespace platebus::eval
