// test.read_source: publishes a PlateRead on `reads` for every file NAME.read ({"read_id", "text"})
// a test drops into `folder`, then deletes the file; so the API tests can make match.hotlist raise
// a hit without a camera.
#include <filesystem>
#include <fstream>

#include "platebus/plate_read.hpp"
#include "platebus/plugin.hpp"
#include "grey_image.hpp"

namespace {

using namespace platebus;
using platebus::test::grey_image;
namespace fs = std::filesystem;


class ReadSource final : public Plugin {
 public:
  void run(Context& ctx) override {
    const fs::path folder = ctx.config().at("folder").get<std::string>();
    while (ctx.sleep_for(std::chrono::milliseconds(20))) {
      for (const auto& entry : fs::directory_iterator(folder)) {
        if (entry.path().extension() != ".read") continue;
        std::ifstream in(entry.path());
        const auto given = nlohmann::json::parse(in, nullptr, false);
        fs::remove(entry.path());
        if (!given.is_object()) continue;
        PlateRead read;
        read.read_id = given.value("read_id", "");
        read.camera = "cam-api-test";
        read.text = given.value("text", "");
        read.confidence = 0.9;
        read.captured_at = now_utc();
        read.plate_crop = grey_image(96, 32);
        read.overview = grey_image(64, 36);
        ctx.publish("reads", read.to_message());
      }
    }
  }
};

constexpr PortSpec kPorts[] = {{"reads", PortDirection::output, "PlateRead", Delivery::lossless, "the reads"}};
constexpr ConfigKey kConfig[] = {{"folder", ConfigType::path, nullptr, "where the tests drop NAME.read files"}};

}  // namespace

PLATEBUS_PLUGIN(platebus::describe_plugin<ReadSource>("test.read_source", "1.0.0",
                                                      "Publishes PlateReads a test drops as files", kPorts, kConfig))
