// platebus-audit: offline tools for the audit trail (`platebus audit ...` runs this program).
#include <CLI/CLI.hpp>

#include "verify_command.hpp"

int main(int argc, char** argv) {
  CLI::App app{"Offline tools for the PlateBus audit trail (see docs/audit.md)", "platebus-audit"};
  app.require_subcommand(1);
  platebus::audit::VerifyOptions options;
  auto* verify = app.add_subcommand(
      "verify",
      "Check an audit database for changed, removed and reordered records, and against signed checkpoints. "
      "Opens the database read-only. Exit 0 intact, 1 problems found, 2 bad input.");
  verify->add_option("path", options.database, "the audit database folder (the plugin's `database`, holding data.mdb)");
  verify->add_option("--config", options.config, "a deployment file: verify the database of its audit instance")
      ->check(CLI::ExistingFile);
  verify->add_option("--instance", options.instance, "the audit instance's id, when the deployment has several");
  verify->add_option("--checkpoint", options.checkpoints,
                     "a checkpoint file kept outside the system; catches a cut-off tail or a rewritten chain "
                     "(repeat the option for several)")
      ->allow_extra_args(false);  // one file per --checkpoint, so a path after it stays the database
  verify->add_option("--public-key", options.public_key,
                     "the checkpoint signer's public key (the signing key's FILE.pub); without it a checkpoint is "
                     "checked against the key it carries");
  verify->add_flag("--json", options.json, "print the result as JSON");
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e) == 0 ? 0 : 2;
  }
  if (options.database.empty() == options.config.empty()) {
    std::cerr << "platebus-audit verify: give either the database folder or --config FILE (see --help)\n";
    return 2;
  }
  return platebus::audit::run_verify(options);
}
