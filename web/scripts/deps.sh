#!/usr/bin/env bash
# Installs what Profila needs on Debian 12 and is missing; installs nothing twice.
# Debian packages: the Emscripten toolchain, header-only libraries, Chromium for tests,
# fonts and the font subsetter. Dear ImGui comes from Debian's source package (fetch-imgui.sh).
set -euo pipefail
pkgs=(emscripten cmake g++ make nlohmann-json3-dev doctest-dev libhowardhinnant-date-dev libstb-dev
      chromium fonts-inter fonts-fork-awesome python3-fonttools gzip nodejs
      libeigen3-dev liblbfgspp-dev libboost-math1.81-dev)
[ "${PROFILA_WITH_FUZZ:-0}" = 1 ] && pkgs+=(clang libclang-rt-14-dev)
missing=()
for p in "${pkgs[@]}"; do
  # nodejs may come from another source on some images: a working node + npm is enough.
  if [ "$p" = nodejs ] && command -v node >/dev/null && command -v npm >/dev/null; then continue; fi
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ "${#missing[@]}" -gt 0 ]; then
  echo "deps: installing ${missing[*]}"
  if [ "$(id -u)" = 0 ]; then sudo=""; else sudo="sudo"; fi
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  command -v npm >/dev/null || { DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq npm >/dev/null; }
fi
"$(dirname "$0")/fetch-imgui.sh"
"$(dirname "$0")/fetch-libs.sh"
