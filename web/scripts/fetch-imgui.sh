#!/usr/bin/env bash
# Fetches Dear ImGui 1.90.1 sources from Debian's trixie source package into build/third_party/imgui,
# with a project-local apt configuration (the machine's own apt setup is not touched), and checks the
# tarball against the sha256 pinned below (not one read from the downloaded .dsc, which a changed
# mirror would change with it). Library sources are never committed.
set -euo pipefail
here=$(cd "$(dirname "$0")/../.." && pwd)
dest="$here/build/third_party/imgui"
version="1.90.1"
debian_version="${version}+ds-1"
# sha256 of imgui_1.90.1+ds.orig.tar.xz, from the Checksums-Sha256 of imgui_1.90.1+ds-1.dsc (Debian trixie).
tarball_sha256="ecce377df0f90b292f15dcbd83d438bddc162b2388c881132bde18c787572a1c"
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
if ! (cd "$work" && apt-get "${apt_opts[@]}" source --download-only "imgui=${debian_version}"); then
  echo "fetch-imgui: Debian source package imgui ${debian_version} (Dear ImGui ${version}) is not available from" >&2
  echo "fetch-imgui: $uri (suite trixie, main). The mirror may have moved on to another version: this build" >&2
  echo "fetch-imgui: wants exactly ${debian_version}; update version and tarball_sha256 here only after checking the new one." >&2
  exit 1
fi
tarball=$(ls "$work"/imgui_"${version}"+ds.orig.tar.* 2>/dev/null | head -1)
[ -n "$tarball" ] || { echo "fetch-imgui: no imgui_${version}+ds.orig.tar.* among the files fetched into $work" >&2; exit 1; }
got=$(sha256sum "$tarball" | awk '{print $1}')
if [ "$got" != "$tarball_sha256" ]; then
  echo "fetch-imgui: sha256 mismatch for $(basename "$tarball"): expected $tarball_sha256, got $got" >&2
  exit 1
fi
rm -rf "$dest"; mkdir -p "$dest"
tar -xf "$tarball" -C "$dest" --strip-components=1
grep -qE "define IMGUI_VERSION +\"$version\"" "$dest/imgui.h"
echo "fetch-imgui: Dear ImGui $version ready in $dest (sha256 ok)"
