// test.hotlist_driver: lets a test drive match.hotlist through the host. The test drops request
// files NAME.req (JSON) into `folder`; the driver answers each with NAME.rep:
//   {"action": "call", "request": {...}}  -> calls the `hotlist` service, {"status", "error", "reply"}
//   {"action": "publish", "read": {read_id, camera, text, alternatives: [...]}} -> publishes a
//       PlateRead (captured now, with a plate crop and an overview), {"captured_at"}
// Every Hit received on `hits` is appended to hits.jsonl with its arrival time and part sizes, every
// AuditEvent on `audit` to audit.jsonl.
#include <filesystem>
#include <fstream>
#include <set>

#include "platebus/hit.hpp"
#include "platebus/plugin.hpp"

namespace {

using namespace platebus;
namespace fs = std::filesystem;

Image test_image(int width, int height, PixelFormat format, std::uint8_t fill) {
  const std::size_t channels = format == PixelFormat::bgr8 ? 3 : 1;
  Image image;
  image.width = width;
  image.height = height;
  image.format = format;
  image.stride = static_cast<std::size_t>(width) * channels;
  image.bytes = Blob::from_string(std::string(image.stride * static_cast<std::size_t>(height), static_cast<char>(fill)));
  return image;
}

void write_atomically(const fs::path& path, const std::string& text) {
  const auto temporary = fs::path(path.string() + ".tmp");
  std::ofstream(temporary) << text;
  fs::rename(temporary, path);
}

class HotlistDriver final : public Plugin {
 public:
  void run(Context& ctx) override {
    folder_ = ctx.config().at("folder").get<std::string>();
    hits_.open(folder_ / "hits.jsonl", std::ios::app);
    audit_.open(folder_ / "audit.jsonl", std::ios::app);
    while (!ctx.stopping()) {
      if (auto message = ctx.receive(std::chrono::milliseconds(2))) record(*message);
      for (const auto& request : pending()) answer(ctx, request);
    }
  }

 private:
  std::set<fs::path> pending() const {
    std::set<fs::path> files;
    for (const auto& entry : fs::directory_iterator(folder_))
      if (entry.path().extension() == ".req") files.insert(entry.path());
    return files;
  }

  void record(const Message& message) {
    if (message.type() == "AuditEvent") {
      audit_ << message.header.dump() << std::endl;
      return;
    }
    nlohmann::json sizes = nlohmann::json::array();
    for (const auto& part : message.parts) sizes.push_back(part.size);
    hits_ << nlohmann::json{{"arrived_at", to_iso8601(now_utc())}, {"header", message.header}, {"part_sizes", sizes}}
                 .dump()
          << std::endl;
  }

  void answer(Context& ctx, const fs::path& file) {
    std::ifstream in(file);
    const auto request = nlohmann::json::parse(in, nullptr, false);
    fs::remove(file);
    nlohmann::json reply;
    if (request.value("action", "") == "call") {
      Message message;
      message.header = request.at("request");
      const auto answer = ctx.call("hotlist", std::move(message), std::chrono::seconds(10));
      reply = {{"status", to_string(answer.status)}, {"error", answer.error}, {"reply", answer.message.header}};
    } else {
      const auto& given = request.at("read");
      PlateRead read;
      read.read_id = given.value("read_id", "");
      read.camera = given.value("camera", "cam-test");
      read.text = given.value("text", "");
      read.confidence = 0.9;
      for (const auto& text : given.value("alternatives", std::vector<std::string>()))
        read.alternatives.push_back({text, 0.5});
      read.region = "us-ca";
      read.captured_at = now_utc();
      read.plate_crop = test_image(120, 40, PixelFormat::gray8, 200);
      read.overview = test_image(64, 36, PixelFormat::bgr8, 90);
      ctx.publish("reads", read.to_message());
      reply = {{"captured_at", to_iso8601(read.captured_at)}};
    }
    write_atomically(fs::path(file).replace_extension(".rep"), reply.dump());
  }

  fs::path folder_;
  std::ofstream hits_;
  std::ofstream audit_;
};

constexpr PortSpec kPorts[] = {
    {"reads", PortDirection::output, "PlateRead", Delivery::lossless, "reads to match"},
    {"hits", PortDirection::input, "Hit", Delivery::lossless, "hits, recorded in hits.jsonl"},
    {"audit", PortDirection::input, "AuditEvent", Delivery::lossless, "audit events, recorded in audit.jsonl"},
    {"hotlist", PortDirection::call, "*", Delivery::lossless, "the hotlist service"}};
constexpr ConfigKey kConfig[] = {{"folder", ConfigType::path, nullptr, "where requests, replies and hits.jsonl go"}};

}  // namespace

PLATEBUS_PLUGIN(platebus::describe_plugin<HotlistDriver>("test.hotlist_driver", "1.0.0",
                                                         "Drives match.hotlist for tests", kPorts, kConfig))
