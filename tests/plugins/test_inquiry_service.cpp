// test.inquiry_service: serves "inquiry" requests by answering with what arrived (path, query,
// case_number, reason, actor), so tests see exactly what the API put on the bus; it also counts
// the requests it served in `count_file` (when set), so a test can prove it was never called.
#include <fstream>

#include "platebus/actor.hpp"
#include "platebus/plugin.hpp"

namespace {

class InquiryService final : public platebus::Plugin {
 public:
  void configure(platebus::Context& ctx) override {
    const auto& file = ctx.config().at("count_file");
    count_file_ = file.is_string() ? file.get<std::string>() : "";
  }

  void on_message(platebus::Context& ctx, const platebus::Message& request) override {
    if (!count_file_.empty()) std::ofstream(count_file_, std::ios::app) << request.type() << '\n';
    const auto& header = request.header;
    platebus::Message answer;
    answer.header = {{platebus::field::type, "InquiryAnswer"},
                     {"received_type", request.type()},
                     {"path", header.value("path", nlohmann::json())},
                     {"query", header.value("query", nlohmann::json())},
                     {"case_number", header.value(platebus::field::case_number, nlohmann::json())},
                     {"reason", header.value(platebus::field::reason, nlohmann::json())},
                     {"actor", header.value(platebus::field::actor, nlohmann::json())}};
    ctx.reply(request, platebus::Reply::success(std::move(answer)));
  }

 private:
  std::string count_file_;
};

constexpr platebus::PortSpec kPorts[] = {{"inquiry", platebus::PortDirection::serve, "Inquiry",
                                          platebus::Delivery::lossless, "answers an inquiry with what it received"}};
constexpr platebus::ConfigKey kConfig[] = {
    {"count_file", platebus::ConfigType::path, "null", "a file to append one line to per request served"}};

}  // namespace

PLATEBUS_PLUGIN(platebus::describe_plugin<InquiryService>("test.inquiry_service", "1.0.0",
                                                          "An inquiry service for tests: echoes what it received",
                                                          kPorts, kConfig))
