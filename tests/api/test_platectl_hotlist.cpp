// platectl's hotlist and alerts commands as a child process against a real deployment with
// match.hotlist: import (and its line-numbered refusal), add, list, show, deletes, alerts list,
// show and ack, text and --json; and the local refusal of `confirmed` without both checks. Parts
// that need match.hotlist skip, saying so, when that plugin is not built.
#define BOOST_TEST_MODULE platectl_hotlist
#define BOOST_TEST_DYN_LINK
#include <fmt/format.h>

#include <boost/test/unit_test.hpp>
#include <thread>

#include "api_deployment.hpp"
#include "platectl_operator.hpp"

using namespace platebus::test;
using namespace std::chrono_literals;

namespace {

constexpr const char* kCase[] = {"--case", "C-9001", "--reason", "stolen car follow-up"};

struct Shared {
  Shared() {
    with_hotlist = hotlist_plugin_built();
    DeploymentOptions options;
    options.with_hotlist = with_hotlist;
    deployment = new ApiDeployment(options);
    deployment->add_account("off1", "officer");
    deployment->add_account("inv1", "investigator");
  }
  ~Shared() { delete deployment; }
  static inline ApiDeployment* deployment = nullptr;
  static inline bool with_hotlist = false;
};
BOOST_TEST_GLOBAL_FIXTURE(Shared);

ApiDeployment& api() { return *Shared::deployment; }

bool hotlist_available(const char* part) { return require_hotlist(Shared::with_hotlist, part); }

std::vector<std::string> with_case(std::vector<std::string> args) {
  args.insert(args.end(), std::begin(kCase), std::end(kCase));
  return args;
}

Operator logged_in(const std::string& user) {
  Operator person(user, api().url());
  const auto login = person.login();
  BOOST_REQUIRE_MESSAGE(login.exit_status == 0, describe(login));
  return person;
}

}  // namespace

BOOST_AUTO_TEST_CASE(confirmed_without_both_checks_is_refused_before_asking_the_server) {
  const auto off1 = logged_in("off1");
  const auto before = api().records().size();
  for (const auto& flags : std::vector<std::vector<std::string>>{{}, {"--visually-verified"}, {"--clets-confirmed"}}) {
    auto args = std::vector<std::string>{"alerts", "ack", "h-0000", "--disposition", "confirmed"};
    args.insert(args.end(), flags.begin(), flags.end());
    const auto refused = off1.run(args);
    BOOST_TEST(refused.exit_status == 1, describe(refused));
    BOOST_TEST(refused.err.find("--visually-verified and --clets-confirmed") != std::string::npos, refused.err);
    BOOST_TEST(refused.err.find("CLETS") != std::string::npos, refused.err);
  }
  // Nothing reached the API: no disposition was recorded, not even a refused one.
  const auto records = api().records();
  for (std::size_t i = before; i < records.size(); ++i) BOOST_TEST(records[i]["category"] != "alert.disposition");
  BOOST_TEST(off1.run({"alerts", "ack", "h-0000", "--disposition", "maybe"}).exit_status == 2);
}

BOOST_AUTO_TEST_CASE(refusals_of_the_api_are_exit_1_with_its_message) {
  const auto off1 = logged_in("off1");
  TempDir files;
  const auto csv = write_file(files / "list.csv", "plate,state,category,reason,list,case_number,expires\n");
  const auto upload = off1.run({"hotlist", "import", csv.string(), "--list", "county"});
  BOOST_TEST(upload.exit_status == 1, describe(upload));
  BOOST_TEST(upload.err.find("HTTP 403") != std::string::npos, upload.err);
  const auto placeholder = off1.run({"hotlist", "list", "--case", "C-9001", "--reason", "n/a"});
  BOOST_TEST(placeholder.exit_status == 1, describe(placeholder));
  BOOST_TEST(placeholder.err.find("placeholder") != std::string::npos, placeholder.err);
  BOOST_TEST(off1.run({"hotlist", "list"}).exit_status == 2);  // --case and --reason are required
  BOOST_TEST(off1.run({"hotlist", "import", (files / "missing.csv").string(), "--list", "x"}).exit_status == 2);
}

BOOST_AUTO_TEST_CASE(hot_lists_are_imported_browsed_and_deleted) {
  if (!hotlist_available("the hotlist commands against the service")) return;
  const auto inv = logged_in("inv1");
  const auto off1 = logged_in("off1");
  TempDir files;
  const auto good = write_file(files / "good.csv",
                               "plate,state,category,reason,list,case_number,expires\n"
                               "CTL0001,CA,stolen vehicle,taken from a driveway,,,\n"
                               "ctl-0002,CA,stolen plate,plates taken overnight,,,\n");
  const auto imported = inv.run({"hotlist", "import", good.string(), "--list", "ctl", "--mode", "replace"});
  BOOST_REQUIRE_MESSAGE(imported.exit_status == 0, describe(imported));
  BOOST_TEST(imported.out.find("imported 2 plates into ctl") != std::string::npos, imported.out);

  // A personal-data row: refused whole, each finding on its own line with its line number.
  const auto personal = write_file(files / "personal.csv",
                                   "plate,state,category,reason,list,case_number,expires\n"
                                   "CTL0003,CA,warrant,suspect DOB 03/14/1985,,,\n"
                                   "CTL0004,CA,stolen vehicle,taken from a driveway,,,\n"
                                   "CTL0005,CA,warrant,registered owner John Smith,,,\n");
  const auto refused = inv.run({"hotlist", "import", personal.string(), "--list", "ctl"});
  BOOST_TEST(refused.exit_status == 1, describe(refused));
  BOOST_TEST(refused.err.find("HTTP 400") != std::string::npos, refused.err);
  BOOST_TEST(refused.err.find("\nline 2, reason:") != std::string::npos, refused.err);
  BOOST_TEST(refused.err.find("\nline 4, reason:") != std::string::npos, refused.err);

  const auto added =
      off1.run({"hotlist", "add", "CTL0009", "--category", "stolen-vehicle", "--reason", "taken from a car park",
                "--list", "ctl", "--state", "ca", "--priority", "2", "--make", "Honda", "--colour", "blue"});
  BOOST_REQUIRE_MESSAGE(added.exit_status == 0, describe(added));
  BOOST_TEST(added.out.find("added CTL0009 (CA) to list ctl") != std::string::npos, added.out);

  const auto lists = off1.run(with_case({"hotlist", "list"}));
  BOOST_TEST(lists.exit_status == 0, describe(lists));
  BOOST_TEST(lists.out.find("LIST") == 0, lists.out);
  BOOST_TEST(lists.out.find("ctl") != std::string::npos, lists.out);
  const auto shown = off1.run(with_case({"--json", "hotlist", "show", "ctl", "--limit", "2"}));
  BOOST_REQUIRE_MESSAGE(shown.exit_status == 0, describe(shown));
  const auto body = nlohmann::json::parse(shown.out);
  BOOST_TEST(body["total"] == 3);
  BOOST_TEST(body["plates"].size() == 2u);
  const auto table = off1.run(with_case({"hotlist", "show", "ctl"}));
  BOOST_TEST(table.out.find("CTL0002") != std::string::npos, table.out);  // normalized

  const auto not_own = off1.run({"hotlist", "delete-plate", "ctl", "CTL0001"});
  BOOST_TEST(not_own.exit_status == 1, describe(not_own));
  BOOST_TEST(not_own.err.find("HTTP 403") != std::string::npos, not_own.err);
  const auto own = off1.run({"hotlist", "delete-plate", "ctl", "CTL0009", "--state", "CA"});
  BOOST_TEST(own.exit_status == 0, describe(own));
  BOOST_TEST(own.out.find("deleted 1 plate(s)") != std::string::npos, own.out);
  BOOST_TEST(off1.run({"hotlist", "delete-list", "ctl"}).exit_status == 1);
  const auto gone = inv.run({"--json", "hotlist", "delete-list", "ctl"});
  BOOST_TEST(gone.exit_status == 0, describe(gone));
  BOOST_TEST(nlohmann::json::parse(gone.out)["deleted"] == 2);
}

BOOST_AUTO_TEST_CASE(alerts_are_listed_shown_and_acknowledged) {
  if (!hotlist_available("the alerts commands against a real hit")) return;
  const auto off1 = logged_in("off1");
  BOOST_REQUIRE(off1.run({"hotlist", "add", "ALR0001", "--category", "felony-vehicle", "--reason", "used in a robbery",
                          "--list", "alerts"})
                    .exit_status == 0);
  std::string hit_id;
  const auto deadline = std::chrono::steady_clock::now() + 10s;
  for (int attempt = 0; hit_id.empty() && std::chrono::steady_clock::now() < deadline; ++attempt) {
    api().publish_read(fmt::format("r-ctl-{}", attempt), "ALR0001");
    std::this_thread::sleep_for(300ms);
    const auto open = off1.run(with_case({"--json", "alerts", "list"}));
    BOOST_REQUIRE_MESSAGE(open.exit_status == 0, describe(open));
    const auto body = nlohmann::json::parse(open.out);
    for (const auto& hit : body["hits"])
      if (hit["plate"] == "ALR0001") hit_id = hit["hit_id"].get<std::string>();
  }
  BOOST_REQUIRE_MESSAGE(!hit_id.empty(), "no hit for ALR0001 within 10 s");

  const auto listed = off1.run(with_case({"alerts", "list"}));
  BOOST_TEST(listed.out.find(hit_id) != std::string::npos, listed.out);
  BOOST_TEST(listed.out.find("open") != std::string::npos, listed.out);
  const auto shown = off1.run(with_case({"alerts", "show", hit_id}));
  BOOST_TEST(shown.exit_status == 0, describe(shown));
  BOOST_TEST(shown.out.find("used in a robbery") != std::string::npos, shown.out);
  BOOST_TEST(shown.out.find("CLETS") != std::string::npos, shown.out);  // the standing notice

  const auto acked = off1.run({"alerts", "ack", hit_id, "--disposition", "not-located", "--note", "area searched"});
  BOOST_TEST(acked.exit_status == 0, describe(acked));
  BOOST_TEST(acked.out.find("not-located by off1") != std::string::npos, acked.out);
  const auto twice = off1.run({"alerts", "ack", hit_id, "--disposition", "misread"});
  BOOST_TEST(twice.exit_status == 1, describe(twice));
  const auto open = off1.run(with_case({"alerts", "list"}));
  BOOST_TEST(open.out.find(hit_id) == std::string::npos, open.out);
  const auto all = off1.run(with_case({"alerts", "list", "--all"}));
  BOOST_TEST(all.out.find(hit_id) != std::string::npos, all.out);
}
