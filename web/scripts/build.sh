#!/usr/bin/env bash
# Builds what is asked: "web" (the app, in build/web/site), "native" (core, tests, bench), or both.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"
export NODE_PATH=/usr/share/nodejs   # emcc's optimizer needs Debian's acorn (TOOLCHAIN.md)
jobs=$(nproc)
bash web/scripts/fetch-libs.sh   # pugixml and zlib/minizip sources (checked; quick when present)
for what in "${@:-web native}"; do
  for w in $what; do
    case "$w" in
      web)
        [ -f build/web/CMakeCache.txt ] || emcmake cmake -S . -B build/web -DCMAKE_BUILD_TYPE=Release >/dev/null
        cmake --build build/web -j"$jobs" ;;
      native)
        [ -f build/native/CMakeCache.txt ] || cmake -S . -B build/native -DCMAKE_BUILD_TYPE=Release >/dev/null
        cmake --build build/native -j"$jobs" ;;
      *) echo "build.sh: unknown target $w" >&2; exit 2 ;;
    esac
  done
done
