// The password rules: 12 characters counted as code points, never truncated, banned words with digits
// or punctuation tacked on, the user name, the guessable shapes (issue 16); and the Argon2id hash itself.
#include <boost/test/unit_test.hpp>

#include <filesystem>
#include <random>

#include "accounts_fixture.hpp"

using namespace platebus;
using namespace platebus::accounts;
using namespace platebus::accounts::test;

BOOST_AUTO_TEST_CASE(twelve_characters_at_least_counted_in_code_points) {
  const auto policy = test_policy();
  BOOST_TEST(policy.problem("jdoe", "abcdefghijk").value_or("") == "the password has 11 characters; use at least 12");
  BOOST_TEST(!policy.problem("jdoe", "correct lamp"));
  // Eleven two-byte characters are 22 bytes but 11 characters: refused. Twelve are fine.
  const std::string eleven_accented = "àéîõüçñåøæßÿ";  // 12 two-byte letters
  BOOST_TEST(eleven_accented.size() == 24u);
  BOOST_TEST(policy.problem("jdoe", eleven_accented.substr(2)).value_or("").find("11 characters") != std::string::npos);
  BOOST_TEST(!policy.problem("jdoe", eleven_accented));
  BOOST_TEST(count_code_points("日本語のパスワード🔑🔑🔑").value_or(0) == 12u);
  BOOST_TEST(!policy.problem("jdoe", "日本語のパスワード🔑🔑🔑"));
  BOOST_TEST(policy.problem("jdoe", std::string("abcdefghijk\xff")).value_or("") == "the password is not valid UTF-8 text");
}

BOOST_AUTO_TEST_CASE(a_long_password_is_used_whole) {
  std::string password(1000, 'x');
  std::mt19937 random(16);
  for (auto& c : password) c = static_cast<char>('a' + random() % 26);
  auto differs_at_900 = password;
  differs_at_900[900] = differs_at_900[900] == 'q' ? 'r' : 'q';
  const auto hash = hash_password(password, HashCost::minimum());
  BOOST_TEST(verify_password(hash, password));
  BOOST_TEST(!verify_password(hash, differs_at_900));

  AccountsFixture f;
  f.add("longpass", {"tech_services"}, password);
  BOOST_TEST(!f.login("longpass", password).empty());
  BOOST_CHECK_THROW(f.login("longpass", differs_at_900), AccountError);
  BOOST_TEST(test_policy().problem("jdoe", std::string(4097, 'z')).value_or("").find("at most 4096") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(banned_words_with_digits_or_punctuation_added_are_refused) {
  platebus::test::TempDir dir;
  const auto file = platebus::test::write_file(dir / "words", "Sunshine\nmoonlight\n12345\nwinteriscoming\n");
  const auto policy = PasswordPolicy::from_word_list(file);
  BOOST_TEST(normalize_for_ban("Sunshine2024!!") == "sunshine");
  BOOST_TEST(policy.problem("jdoe", "SUNSHINE2024!!").value_or("").find("common word") != std::string::npos);
  BOOST_TEST(policy.problem("jdoe", "moonlight123456").has_value());
  BOOST_TEST(policy.problem("jdoe", "WinterIsComing.").has_value());
  BOOST_TEST(!policy.problem("jdoe", "moonlight over the bay"));  // a phrase, not the word
  BOOST_TEST(!policy.problem("jdoe", "2024sunshine!!"));           // only trailing additions are stripped
  BOOST_CHECK_THROW(PasswordPolicy::from_word_list(dir / "missing"), std::runtime_error);
  // Debian's list, the plugin's default.
  if (std::filesystem::exists("/usr/share/dict/cracklib-small")) {
    const auto cracklib = PasswordPolicy::from_word_list("/usr/share/dict/cracklib-small");
    BOOST_TEST(cracklib.banned_count() > 10000u);
    BOOST_TEST(cracklib.problem("jdoe", "Password12345!").has_value());
  } else {
    platebus::test::report_skip("no /usr/share/dict/cracklib-small (apt-get install cracklib-runtime): Debian's word list is untested");
  }
}

BOOST_AUTO_TEST_CASE(a_password_containing_the_user_name_is_refused) {
  const auto policy = test_policy();
  BOOST_TEST(policy.problem("jdoe", "my JDoe passphrase").value_or("") ==
             "the password contains the user name; choose one that does not");
  BOOST_TEST(!policy.problem("jdoe", "my j-doe passphrase"));
}

BOOST_AUTO_TEST_CASE(the_service_refuses_a_bad_password_naming_the_field) {
  AccountsFixture f;
  f.add("boss", {"program_manager"});
  const auto reply = f.ask("AccountAdd", {{"user", "jdoe"}, {"roles", {"tech_services"}}, {"password", "short"}});
  BOOST_TEST((reply.status == ServiceStatus::invalid));
  BOOST_TEST(reply.error == "password: the password has 5 characters; use at least 12");
  const auto token = f.login("boss");
  const auto change = f.ask("PasswordChange",
                            {{"token", token}, {"old_password", "a long enough passphrase"}, {"new_password", "dragon!!!!!!!!"}}, "");
  BOOST_TEST((change.status == ServiceStatus::invalid));
  BOOST_TEST(change.error.find("new_password: the password is a common word") == 0u, change.error);
  const auto wrong_old = f.ask("PasswordChange",
                               {{"token", token}, {"old_password", "not my password"}, {"new_password", "a new long passphrase"}}, "");
  BOOST_TEST((wrong_old.status == ServiceStatus::unauthenticated));
  BOOST_REQUIRE(f.ask("PasswordChange", {{"token", token},
                                         {"old_password", "a long enough passphrase"},
                                         {"new_password", "a new long passphrase"}}, "").ok());
  BOOST_TEST(!f.login("boss", "a new long passphrase").empty());
  BOOST_CHECK_THROW(f.login("boss"), AccountError);
}

BOOST_AUTO_TEST_CASE(hashes_are_argon2id_at_the_interactive_cost_by_default) {
  const auto hash = hash_password("a long enough passphrase");
  BOOST_TEST(hash.rfind("$argon2id$", 0) == 0u, hash);
  BOOST_TEST(hash.find("m=65536") != std::string::npos, hash);  // MEMLIMIT_INTERACTIVE, 64 MiB
  BOOST_TEST(verify_password(hash, "a long enough passphrase"));
  BOOST_TEST(!verify_password(hash, "a long enough passphrasE"));
}

BOOST_AUTO_TEST_CASE(guessable_shapes_are_refused_whatever_their_length) {
  const auto policy = test_policy();
  const auto refused = [&](const std::string& password, const std::string& why) {
    const auto problem = policy.problem("jdoe", password).value_or("accepted");
    BOOST_TEST(problem.find(why) != std::string::npos, "'" << password << "': " << problem);
  };
  const std::string sequence = "a sequence (abcd, 4321) or a keyboard walk";
  // The outside review's examples (issue 16).
  refused("123456789012", sequence);
  refused(std::string(12, ' '), "only spaces or invisible characters");
  refused("aaaaaaaaaaaa", "uses only 1 different characters");
  refused("qwertyuiop12", sequence);
  refused("passwordpassword", "one chunk repeated");
  refused(std::string(12, '\0'), "a control character");
  std::string zero_width;
  for (int i = 0; i < 12; ++i) zero_width += "\u200b";
  refused(zero_width, "only spaces or invisible characters");
  // And their cousins.
  refused("\u00a0\u2003\ufeff\u2060\u00a0\u2003\ufeff\u2060\u00a0\u2003\ufeff\u2060", "only spaces or invisible");
  refused("ab\u200bcd\u200bef\u200bgh\u200bi", "has 9 characters");  // the invisible ones do not count
  refused("a long\tenough passphrase", "a control character");
  refused("a long enough\npassphrase", "a control character");
  refused("a long enough passphrase\u0085", "a control character");
  refused("abcdefghijklmnop", sequence);
  refused("9876543210987", sequence);
  refused("ZYXWVUTSRQPO", sequence);
  refused("asdfghjkl;'", "has 11 characters");
  refused("asdfghjkl;'zxcvbnm", sequence);
  refused("1qaz2wsx3edc4rfv", sequence);
  refused("!QAZ@WSX#EDC$RFV", sequence);
  refused("zaq12wsxcde34rfv", sequence);
  refused("abababababab", "uses only 2 different characters");
  refused("Summer-Summer-Summer", "one chunk repeated");
  refused("hunter2hunter2hunt", "one chunk repeated");
  refused("1 2 3 4 5 6 7 8 9 0 1 2", sequence);
  // Strong passphrases still pass, and so do those the other tests and the demo use.
  for (const std::string strong : {"a long enough passphrase", "correct horse battery staple", "Tr0ub4dor&3 rides again",
                                   "the night bus to Oakland", "Correct-Horse-Battery-Staple", "moonlight over the bay",
                                   "zebra quilts 42 kayaks", "日本語のパスワード🔑🔑🔑", "demo officer walkthrough",
                                   "Officer-Jane-Passphrase", "not-the-password-1", "First-Tech-Passphrase",
                                   "Second-Tech-Passphrase", "Third-Tech-Passphrase", "Another-Long-Passphrase-Here",
                                   "demo manager walkthrough"})
    BOOST_TEST(!policy.problem("jdoe", strong), strong << ": " << policy.problem("jdoe", strong).value_or(""));
}
