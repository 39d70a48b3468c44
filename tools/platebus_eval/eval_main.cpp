// platebus-eval: how well and how fast a recognizer plugin reads a labelled set of images.
#include <cstdlib>
#include <fstream>
#include <iostream>

#include <CLI/CLI.hpp>
#include <fmt/format.h>
#include <yaml-cpp/yaml.h>

#include "config/plugin_checks.hpp"
#include "platebus_eval/failures.hpp"
#include "platebus_eval/recognizer_run.hpp"
#include "platebus_eval/scoring.hpp"
#include "runtime/logging.hpp"

namespace fs = std::filesystem;
using namespace platebus;

namespace {

struct Options {
  std::string set;
  std::string recognizer = "recognize.neural";
  int workers = 1;
  std::vector<std::string> settings;  // key=value, value in YAML
  std::vector<std::string> plugin_path;
  std::string failures;
  bool json = false;
  int limit = 0;
};

// The recognizer's config, checked against its descriptor exactly as a deployment's would be.
std::optional<nlohmann::json> recognizer_settings(const Options& options, const host::PluginCatalog& catalog,
                                                  bool crops) {
  host::Deployment deployment;
  deployment.file = "platebus-eval";
  host::InstanceConfig instance;
  instance.id = "eval";
  instance.use = options.recognizer;
  instance.where = {"platebus-eval", 0, 0};
  YAML::Node config(YAML::NodeType::Map);
  config["workers"] = options.workers;
  if (crops) config["whole_frame"] = true;  // a crop is the plate: nothing to detect
  for (const auto& setting : options.settings) {
    const auto equals = setting.find('=');
    if (equals == std::string::npos) {
      std::cerr << "platebus-eval: --set takes KEY=VALUE, not '" << setting << "'\n";
      return std::nullopt;
    }
    config[setting.substr(0, equals)] = YAML::Load(setting.substr(equals + 1));
  }
  instance.config.reset(config);
  deployment.instances.push_back(instance);
  host::Diagnostics diagnostics;
  host::check_against_plugins(deployment, catalog, diagnostics);
  if (diagnostics.has_errors()) {
    std::cerr << diagnostics.to_string();
    return std::nullopt;
  }
  return deployment.instances[0].settings;
}

void print_table(const eval::Score& s, const Options& options) {
  std::cout << fmt::format("set:        {}\nrecognizer: {} ({} worker{})\n", options.set, options.recognizer,
                           options.workers, options.workers == 1 ? "" : "s");
  std::cout << fmt::format("images:     {} ({} unreadable)\nplates:     {}\n", s.images, s.unreadable_images, s.plates);
  std::cout << fmt::format("detected:   {:5.1f} %  ({})\n", 100 * s.rate(s.detected), s.detected);
  std::cout << fmt::format("top-1:      {:5.1f} %  ({})\n", 100 * s.rate(s.top1), s.top1);
  std::cout << fmt::format("top-N:      {:5.1f} %  ({})\n", 100 * s.rate(s.topn), s.topn);
  std::cout << fmt::format("ms/image:   median {:.1f}, p90 {:.1f}  (median detect {:.1f}, rank {:.1f}, read {:.1f})\n",
                           s.median_ms, s.p90_ms, s.median_detect_ms, s.median_rank_ms, s.median_read_ms);
  std::cout << fmt::format("throughput: {:.1f} images/s (wall clock, all workers)\n", s.images_per_second);
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"platebus-eval: runs a recognizer plugin (the same shared object the host loads) over a labelled "
               "set and reports detection, top-1 and top-N exact reads, and milliseconds per image. A set is an "
               "OpenALPR benchmark folder (IMAGE + IMAGE.txt: file TAB x TAB y TAB w TAB h TAB PLATE) or a crops "
               "CSV (file,state,PLATE; the folder holding groundtruth.csv works too)."};
  Options options;
  app.add_option("set", options.set, "Labelled folder or crops CSV")->required()->check(CLI::ExistingPath);
  app.add_option("--recognizer", options.recognizer, "Recognizer plugin name")->capture_default_str();
  app.add_option("--workers", options.workers, "Recognition threads (default 1: single-threaded figures)")
      ->check(CLI::Range(1, 16));
  app.add_option("--set", options.settings, "Recognizer config KEY=VALUE (YAML value); repeatable");
  app.add_option("--plugin-path", options.plugin_path, "Extra folders to search for plugins first");
  app.add_option("--failures", options.failures, "Write the misses into this folder: misses.tsv, each missed image and the plate crop the reader read");
  app.add_option("--limit", options.limit, "Use only the first N images")->check(CLI::NonNegativeNumber);
  app.add_flag("--json", options.json, "Print one JSON object instead of the table");
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e) == 0 ? 0 : 2;
  }
  setenv("OMP_THREAD_LIMIT", "1", 0);  // Tesseract's OpenMP threads would skew single-threaded timing
  host::set_log_level("warn");

  eval::LabelledSet set;
  try {
    set = eval::read_labelled_set(options.set);
  } catch (const std::exception& e) {
    std::cerr << "platebus-eval: " << e.what() << "\n";
    return 2;
  }
  for (const auto& problem : set.problems) std::cerr << "platebus-eval: skipped label " << problem << "\n";
  if (options.limit > 0 && set.images.size() > static_cast<std::size_t>(options.limit)) set.images.resize(options.limit);
  if (set.images.empty()) {
    std::cerr << "platebus-eval: no labelled images in " << options.set << "\n";
    return 2;
  }

  const std::vector<fs::path> configured(options.plugin_path.begin(), options.plugin_path.end());
  const auto catalog = host::PluginCatalog::scan(host::plugin_search_path(configured));
  const auto* plugin = catalog.find(options.recognizer);
  if (!plugin) {
    std::cerr << "platebus-eval: no plugin named '" << options.recognizer << "'; see `platebus plugins`\n";
    return 2;
  }
  const auto settings = recognizer_settings(options, catalog, set.crops);
  if (!settings) return 2;

  eval::RunOutcome outcomes;
  try {
    outcomes = eval::run_recognizer(*plugin, *settings, set);
  } catch (const std::exception& e) {
    std::cerr << "platebus-eval: " << e.what() << "\n";
    return 1;
  }
  const auto result = eval::score(set, outcomes.images, outcomes.wall_s);
  if (!options.failures.empty()) {
    try {
      eval::write_failures(result, options.failures);
    } catch (const std::exception& e) {
      std::cerr << "platebus-eval: cannot write the misses into '" << options.failures << "': " << e.what()
                << "; give --failures a folder you can write\n";
      return 1;
    }
  }
  if (options.json) {
    auto json = result.to_json();
    json["set"] = options.set;
    json["recognizer"] = options.recognizer;
    json["workers"] = options.workers;
    std::cout << json.dump() << "\n";
  } else {
    print_table(result, options);
  }
  return 0;
}
