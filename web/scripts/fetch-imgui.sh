#!/usr/bin/env bash
# Fetches Dear ImGui 1.90.1 sources from Debian's trixie source package into build/third_party/imgui,
# with a project-local apt configuration (the machine's own apt setup is not touched), and checks the
# tarball's sha256 against the .dsc. Library sources are never committed.
set -euo pipefail
here=$(cd "$(dirname "$0")/../.." && pwd)
dest="$here/build/third_party/imgui"
version="1.90.1"
[ -f "$dest/imgui.h" ] && grep -qE "define IMGUI_VERSION +\"$version\"" "$dest/imgui.h" && exit 0

work="$here/build/third_party/apt-imgui"
rm -rf "$work"; mkdir -p "$work/lists/partial" "$work/archives/partial"
# Use the same Debian mirror the machine already uses (read from its apt sources), suite trixie.
uri=$(grep -hoE '^URIs: *\S+/debian$' /etc/apt/sources.list.d/*.sources 2>/dev/null | head -1 | awk '{print $2}')
[ -n "$uri" ] || uri=$(grep -hoE '^deb +\S+/debian ' /etc/apt/sources.list 2>/dev/null | head -1 | awk '{print $2}')
[ -n "$uri" ] || { echo "fetch-imgui: no Debian mirror found in /etc/apt" >&2; exit 1; }
echo "deb-src [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] $uri trixie main" > "$work/sources.list"
apt_opts=(-o Dir::Etc::SourceList="$work/sources.list" -o Dir::Etc::SourceParts=/nonexistent
          -o Dir::State::Lists="$work/lists" -o Dir::Cache::Archives="$work/archives"
          -o APT::Get::List-Cleanup=0)
apt-get "${apt_opts[@]}" update -qq
(cd "$work" && apt-get "${apt_opts[@]}" source --download-only "imgui=${version}+ds-1")
dsc=$(ls "$work"/imgui_*.dsc)
tarball=$(ls "$work"/imgui_*.orig.tar.*)
want=$(awk '/^Checksums-Sha256:/{f=1;next} f&&/^ /{print} f&&!/^ /{f=0}' "$dsc" | grep "$(basename "$tarball")" | awk '{print $1}')
got=$(sha256sum "$tarball" | awk '{print $1}')
[ -n "$want" ] && [ "$want" = "$got" ] || { echo "fetch-imgui: checksum mismatch for $tarball" >&2; exit 1; }
rm -rf "$dest"; mkdir -p "$dest"
tar -xf "$tarball" -C "$dest" --strip-components=1
grep -qE "define IMGUI_VERSION +\"$version\"" "$dest/imgui.h"
echo "fetch-imgui: Dear ImGui $version ready in $dest (sha256 ok)"
