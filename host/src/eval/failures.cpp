#include "eval/failures.hpp"

#include <fstream>

#include <fmt/format.h>

namespace platebus::eval {

namespace fs = std::filesystem;

namespace {

const char* extension_of(PixelFormat format) {
  return format == PixelFormat::png ? ".png" : ".jpg";
}

}  // namespace

void write_failures(const Score& score, const fs::path& folder) {
  fs::create_directories(folder);
  std::ofstream misses(folder / "misses.tsv");
  if (!misses) throw fs::filesystem_error("cannot write misses.tsv", folder, std::make_error_code(std::errc::io_error));
  misses << "file\texpected\tgot\tdetected\tcrop\n";
  int miss = 0;
  for (const auto& verdict : score.verdicts) {
    if (verdict.top1) continue;
    ++miss;
    // Only encoded crops are written as they are; a recognizer publishing raw pixels gets none.
    std::string crop_name;
    if (!verdict.crop.empty() && (verdict.crop.format == PixelFormat::jpeg || verdict.crop.format == PixelFormat::png)) {
      crop_name = fmt::format("{:03}-{}.read{}", miss, verdict.file.stem().string(), extension_of(verdict.crop.format));
      std::ofstream crop(folder / crop_name, std::ios::binary);
      const auto bytes = verdict.crop.bytes.as_string();
      crop.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    }
    misses << verdict.file.string() << '\t' << verdict.expected << '\t' << verdict.got << '\t'
           << (verdict.detected ? "yes" : "no") << '\t' << crop_name << '\n';
    std::error_code ec;
    fs::copy_file(verdict.file, folder / verdict.file.filename(), fs::copy_options::skip_existing, ec);
  }
}

}  // namespace platebus::eval
