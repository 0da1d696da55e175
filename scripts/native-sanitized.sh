#!/usr/bin/env bash
# `npm run test:native-sanitized`: the native addon built again with AddressSanitizer and
# UndefinedBehaviorSanitizer (and libstdc++'s checked vectors), then the matching tests run against
# that build. The addon reads lines it was never shown, with SIMD loads that run past the line into
# padding and an interpreter that walks programs by offset: a read past a buffer usually returns
# garbage and crashes nothing, so the ordinary tests can pass over one. Here it stops the run.
#
# Linux with GCC (or Clang) and its sanitizer runtimes; needs `npm ci` first (it links the RE2
# that build compiled, which is left uninstrumented: RE2 is not the code under test).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

if [ "$(uname -s)" != Linux ]; then
  echo "test:native-sanitized: skipped, the sanitizer runtimes are preloaded the Linux way (LD_PRELOAD)"
  exit 0
fi

cxx="${CXX:-g++}"
re2_lib=build/Release/re2_bundled.a
if [ ! -f "$re2_lib" ]; then
  echo "error: $re2_lib is missing; run npm ci (or npm run build:native) first" >&2
  exit 1
fi
asan="$("$cxx" -print-file-name=libasan.so)"
ubsan="$("$cxx" -print-file-name=libubsan.so)"
for lib in "$asan" "$ubsan"; do
  if [ ! -f "$lib" ]; then
    echo "error: $cxx has no $(basename "$lib"); install the compiler's sanitizer runtime (Debian: libgcc-12-dev)" >&2
    exit 1
  fi
done

# The headers node-gyp compiled against: <prefix>/include/node beside <prefix>/bin/node.
node_headers="$(node -p "require('node:path').resolve(process.execPath, '../../include/node')")"
re2_dir="$(node native/re2-sources.cjs --dir)"
nan_dir="$(node -p "require('node:path').dirname(require.resolve('nan/package.json'))")"
out=build/Sanitized/logsig_native.node
mkdir -p "$(dirname "$out")"

echo "test:native-sanitized: building $out"
# The defines and language flags of binding.gyp's build, so that the addon sees RE2's headers as
# the RE2 it links was compiled with.
"$cxx" -shared -fPIC -pthread -std=c++2a -fno-rtti -fvisibility=hidden \
  -O1 -g -fno-omit-frame-pointer \
  -fsanitize=address,undefined -fno-sanitize-recover=all \
  -D_GLIBCXX_SANITIZE_VECTOR -D_GLIBCXX_ASSERTIONS \
  -DNODE_GYP_MODULE_NAME=logsig_native -DBUILDING_NODE_EXTENSION -DUSING_UV_SHARED=1 -DUSING_V8_SHARED=1 \
  -DNDEBUG -DNOMINMAX \
  -I"$node_headers" -I"$nan_dir" -I"$re2_dir/lib" -I"$re2_dir/vendor/re2" -I"$re2_dir/vendor/abseil-cpp" \
  native/gram_probe.cc native/regex_bank.cc native/piece_program.cc native/teddy.cc "$re2_lib" \
  -o "$out"

# Leak checking is off: Node itself keeps allocations to exit. The runtimes go first (LD_PRELOAD)
# because node was not built with them. MUTATED_LINES: ten times the ordinary run's load.
export LOGSIG_NATIVE_ADDON="$PWD/$out"
export LD_PRELOAD="$asan $ubsan"
export ASAN_OPTIONS=detect_leaks=0:abort_on_error=1
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
export MUTATED_LINES="${MUTATED_LINES:-200000}"
echo "test:native-sanitized: the matching tests against it ($MUTATED_LINES mutated lines a catalog)"
npx vitest run --project unit test/unit/match-
