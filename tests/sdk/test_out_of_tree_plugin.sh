#!/usr/bin/env bash
# Installs PlateBus into a temporary prefix, builds sdk/examples/hello_plugin against it with
# find_package(PlateBusSDK), installs the plugin, and has the installed host find and run it.
set -euo pipefail
build_dir=${1:?usage: test_out_of_tree_plugin.sh BUILD_DIR SOURCE_DIR}
source_dir=${2:?usage: test_out_of_tree_plugin.sh BUILD_DIR SOURCE_DIR}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail() { echo "FAIL: $*"; echo "0 passed, 1 failed"; exit 1; }

cmake --install "$build_dir" --prefix "$work/prefix" >"$work/install.log" || fail "installing PlateBus: $(tail -5 "$work/install.log")"
cmake -S "$source_dir/sdk/examples/hello_plugin" -B "$work/hello-build" -DCMAKE_PREFIX_PATH="$work/prefix" \
  -DCMAKE_BUILD_TYPE=Release >"$work/configure.log" 2>&1 || fail "configuring the example: $(tail -20 "$work/configure.log")"
cmake --build "$work/hello-build" >"$work/build.log" 2>&1 || fail "building the example: $(tail -20 "$work/build.log")"
cmake --install "$work/hello-build" --prefix "$work/prefix" >/dev/null || fail "installing the example"

platebus="$work/prefix/bin/platebus"
# The installed host finds plugins next to itself, with no configuration.
"$platebus" plugins example.hello >"$work/plugins.txt" 2>&1 || fail "the installed host does not list example.hello: $(cat "$work/plugins.txt")"
grep -q "greeting" "$work/plugins.txt" || fail "example.hello's config key is not shown"

cat >"$work/hello.yaml" <<YAML
instances:
  - id: cam
    use: capture.synthetic
    config: {fps: 10, width: 320, height: 240}
    publish: {frames: frames.cam}
  - id: hello
    use: example.hello
    config: {greeting: howdy}
    subscribe: {in: frames.}
    publish: {tally: tallies}
YAML
"$platebus" run "$work/hello.yaml" --for 2s 2>"$work/run.log" || fail "running the example: $(tail -20 "$work/run.log")"
grep -q "\[hello\] howdy Frame #3 from cam" "$work/run.log" || fail "the example plugin did not greet frames: $(tail -20 "$work/run.log")"
grep -q "stats topic=tallies" "$work/run.log" || fail "the example plugin did not publish tallies"
# Only the descriptor is exported from the plugin (mangled C++ names included).
exported=$(nm -D --defined-only "$work/prefix/lib/platebus/plugins/example_hello.so" | awk '{print $3}')
[ "$exported" = "platebus_plugin_descriptor" ] || fail "the plugin exports more than its descriptor: $(c++filt <<<"$exported")"
# The SDK a plugin builds against carries no ZeroMQ: the wire encoding is the host's.
sdk_cmake=$(find "$work/prefix" -type d -path '*cmake/PlateBusSDK')
[ -n "$sdk_cmake" ] || fail "the SDK's CMake package was not installed"
! grep -rl "zmq" "$work/prefix/include/platebus" "$sdk_cmake" >"$work/zmq.txt" ||
  fail "the installed SDK still needs ZeroMQ: $(cat "$work/zmq.txt")"
echo "1 passed, 0 failed"
