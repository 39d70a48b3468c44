#!/usr/bin/env bash
# Every plugin the build made exports its descriptor and nothing else: hidden visibility alone
# leaves std:: templates, Boost.System's categories and inline exported classes visible, where
# they could bind to another plugin's copy; the version script of platebus_add_plugin() keeps
# them local. Lists each plugin's dynamic symbols (nm -D) and names every extra one.
set -euo pipefail
build_dir=${1:?usage: test_plugin_exports.sh BUILD_DIR}
checked=0
failed=0
while IFS= read -r plugin; do
  # Mangled C++ names start with "_Z": they are counted too, demangled for the message.
  extra=$(nm -D --defined-only "$plugin" | awk '{print $3}' | grep -vx 'platebus_plugin_descriptor' || true)
  descriptor=$(nm -D --defined-only "$plugin" | awk '{print $3}' | grep -cx 'platebus_plugin_descriptor' || true)
  checked=$((checked + 1))
  if [ -n "$extra" ] || [ "$descriptor" != 1 ]; then
    failed=$((failed + 1))
    echo "FAIL: $plugin exports $(wc -l <<<"$extra") symbol(s) besides its descriptor (descriptor found: $descriptor):"
    c++filt <<<"$extra" | sed -n '1,10s/^/    /p'
  fi
done < <(find "$build_dir/lib/platebus/plugins" "$build_dir/tests" -name '*.so' -path '*plugins*' \
           ! -name 'broken_no_descriptor.so' | sort)
[ "$checked" -ge 10 ] || { echo "FAIL: found only $checked plugin(s) under $build_dir; build the plugins first"; exit 1; }
echo "$((checked - failed)) passed, $failed failed ($checked plugins)"
[ "$failed" -eq 0 ]
