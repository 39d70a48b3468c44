// Plugin loading: good plugins are read from their descriptors, and each kind of bad library is
// refused with a message naming the file and what to do. Uses small broken plugins built for this.
#define BOOST_TEST_MODULE plugin_loading
#define BOOST_TEST_DYN_LINK
#include <boost/test/unit_test.hpp>

#include <boost/dll/library_info.hpp>

#include "runtime/deployment_loader.hpp"
#include "test_support.hpp"

using namespace platebus;
using namespace platebus::host;
using namespace platebus::test;

namespace {

std::string only_refusal(const PluginCatalog& catalog) {
  BOOST_REQUIRE_EQUAL(catalog.refused().size(), 1u);
  return catalog.refused()[0].file.filename().string() + ": " + catalog.refused()[0].reason;
}

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

}  // namespace

BOOST_AUTO_TEST_CASE(good_plugins_describe_themselves) {
  const auto catalog = PluginCatalog::scan({test_plugin_dir("good")});
  BOOST_TEST(catalog.refused().empty());
  const auto* counter = catalog.find("test.counter");
  BOOST_REQUIRE(counter);
  BOOST_TEST(std::string(counter->descriptor->version) == "1.0.0");
  BOOST_TEST(counter->descriptor->abi_version == kAbiVersion);
  BOOST_REQUIRE(counter->port("out"));
  BOOST_TEST(std::string(counter->port("out")->message_type) == "Count");
  BOOST_TEST((counter->port("out")->direction == PortDirection::output));
  BOOST_REQUIRE(counter->config_key("limit"));
  BOOST_TEST((counter->config_key("limit")->type == ConfigType::integer));
  BOOST_TEST(!counter->port("nope"));
}

BOOST_AUTO_TEST_CASE(plugin_for_another_abi_is_refused) {
  const auto message = only_refusal(PluginCatalog::scan({test_plugin_dir("broken_abi")}));
  const auto expected = "broken_abi.so: built for PlateBus SDK ABI " + std::to_string(kAbiVersion + 41) +
                        " but this host speaks ABI " + std::to_string(kAbiVersion) + "; rebuild";
  BOOST_TEST(contains(message, expected), message);
}

BOOST_AUTO_TEST_CASE(library_without_descriptor_is_refused) {
  const auto message = only_refusal(PluginCatalog::scan({test_plugin_dir("no_descriptor")}));
  BOOST_TEST(contains(message, "broken_no_descriptor.so: not a PlateBus plugin"), message);
  BOOST_TEST(contains(message, "PLATEBUS_PLUGIN"), message);
}

BOOST_AUTO_TEST_CASE(library_that_fails_to_load_is_refused_with_the_loaders_reason) {
  const auto message = only_refusal(PluginCatalog::scan({test_plugin_dir("missing_symbol")}));
  BOOST_TEST(contains(message, "broken_missing_symbol.so: cannot load: "), message);
  BOOST_TEST(contains(message, "undefined symbol: platebus_test_symbol_that_nobody_defines"), message);
}

BOOST_AUTO_TEST_CASE(two_plugins_with_one_name_are_refused_when_used) {
  const auto catalog = PluginCatalog::scan({test_plugin_dir("good"), test_plugin_dir("duplicate")});
  const auto message = only_refusal(catalog);
  BOOST_TEST(contains(message, "duplicate_name.so: plugin 'test.counter' is already provided by"), message);
  TempDir dir;
  const auto file = write_file(dir / "d.yaml", "plugin_path: [" + test_plugin_dir("good").string() + ", " +
                                                   test_plugin_dir("duplicate").string() +
                                                   "]\ninstances:\n  - id: c\n    use: test.counter\n");
  Diagnostics diagnostics;
  load_deployment(file, diagnostics);
  BOOST_TEST(diagnostics.has_errors());
  BOOST_TEST(contains(diagnostics.to_string(), "d.yaml:4:10: error: plugin 'test.counter' is provided by "),
             diagnostics.to_string());
  BOOST_TEST(contains(diagnostics.to_string(), "remove all but one"), diagnostics.to_string());
}

BOOST_AUTO_TEST_CASE(using_a_refused_plugin_points_at_the_refusal) {
  TempDir dir;
  const auto file = write_file(dir / "d.yaml", "plugin_path: " + test_plugin_dir("broken_abi").string() +
                                                   "\ninstances:\n  - id: f\n    use: test.future_abi\n");
  Diagnostics diagnostics;
  load_deployment(file, diagnostics);
  const auto text = diagnostics.to_string();
  BOOST_TEST(contains(text, "broken_abi.so: warning: built for PlateBus SDK ABI " + std::to_string(kAbiVersion + 41)),
             text);
  BOOST_TEST(contains(text, "no plugin named 'test.future_abi'"), text);
  BOOST_TEST(contains(text, "some libraries were refused, see above"), text);
}

BOOST_AUTO_TEST_CASE(plugins_export_only_their_descriptor) {
  const auto file = test_plugin_dir("good") / "test_counter.so";
  boost::dll::library_info info(file.string());
  std::vector<std::string> exported;
  for (const auto& symbol : info.symbols()) {
    if (contains(symbol, "Counter") || contains(symbol, "platebus")) exported.push_back(symbol);
  }
  BOOST_REQUIRE_EQUAL(exported.size(), 1u);
  BOOST_TEST(exported[0] == "platebus_plugin_descriptor");
}

BOOST_AUTO_TEST_CASE(plugin_objects_keep_their_library_loaded) {
  std::shared_ptr<Plugin> plugin;
  std::weak_ptr<boost::dll::shared_library> library;
  {
    const auto catalog = PluginCatalog::scan({test_plugin_dir("good")});
    const auto* counter = catalog.find("test.counter");
    library = counter->library;
    plugin = counter->create();
  }
  BOOST_TEST(!library.expired());  // the catalog is gone, the object still holds its code
  plugin.reset();
  BOOST_TEST(library.expired());
}

BOOST_AUTO_TEST_CASE(a_descriptor_from_before_validate_still_loads) {
  const auto catalog = PluginCatalog::scan({test_plugin_dir("older_descriptor")});
  BOOST_TEST(catalog.refused().empty());
  const auto* older = catalog.find("test.older_descriptor");
  BOOST_REQUIRE(older);
  BOOST_TEST(older->validate(nlohmann::json::object()).empty());
}
