#!/usr/bin/env bash
# Fetches the zip and XML libraries the imports and exports compile into core (native and wasm),
# from Debian trixie source packages as fetch-imgui.sh does, into build/third_party/{pugixml,zlib}:
#   pugixml 1.14 (XML DOM parser: workbooks, e-invoices)
#   zlib 1.3.1 with contrib/minizip (inflate/deflate and the zip directory: .xlsx, .ods, invoice zips)
# Each orig tarball is checked against the sha256 pinned below (from the packages' .dsc, checked once
# by hand), never one read from the download. The project-local apt setup leaves the machine's alone.
# Library sources are never committed.
set -euo pipefail
here=$(cd "$(dirname "$0")/../.." && pwd)
third="$here/build/third_party"
# name | Debian source version | orig tarball | sha256 of the orig tarball | a file that proves it unpacked
libs=(
  "pugixml|1.14-2|pugixml_1.14.orig.tar.gz|610f98375424b5614754a6f34a491adbddaaec074e9044577d965160ec103d2e|src/pugixml.cpp"
  "zlib|1:1.3.dfsg+really1.3.1-1|zlib_1.3.dfsg+really1.3.1.orig.tar.gz|60dd315c07f616887caa029408308a018ace66e3d142726a97db164b3b8f69fb|contrib/minizip/unzip.c"
)
need=()
for l in "${libs[@]}"; do
  IFS='|' read -r name version tarball sha proof <<<"$l"
  [ -f "$third/$name/.sha256" ] && [ "$(cat "$third/$name/.sha256")" = "$sha" ] && [ -f "$third/$name/$proof" ] && continue
  need+=("$l")
done
[ "${#need[@]}" -eq 0 ] && exit 0

work="$third/apt-libs"
rm -rf "$work"; mkdir -p "$work/lists/partial" "$work/archives/partial"
uri=$(grep -hoE '^URIs: *\S+/debian$' /etc/apt/sources.list.d/*.sources 2>/dev/null | head -1 | awk '{print $2}')
[ -n "$uri" ] || uri=$(grep -hoE '^deb +\S+/debian ' /etc/apt/sources.list 2>/dev/null | head -1 | awk '{print $2}')
[ -n "$uri" ] || { echo "fetch-libs: no Debian mirror found in /etc/apt" >&2; exit 1; }
echo "deb-src [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] $uri trixie main" > "$work/sources.list"
apt_opts=(-o Dir::Etc::SourceList="$work/sources.list" -o Dir::Etc::SourceParts=/nonexistent
          -o Dir::State::Lists="$work/lists" -o Dir::Cache::Archives="$work/archives"
          -o APT::Get::List-Cleanup=0)
apt-get "${apt_opts[@]}" update -qq
for l in "${need[@]}"; do
  IFS='|' read -r name version tarball sha proof <<<"$l"
  # Only the orig tarball is needed (the sources as released, no Debian patches applied): its address
  # comes from apt's index of the suite, and apt-helper checks the pinned sha256 as it downloads.
  url=$(cd "$work" && apt-get "${apt_opts[@]}" source --print-uris "$name=$version" 2>/dev/null \
        | awk -v t="$tarball" '$2 == t {print $1}' | tr -d "'" | head -1 || true)
  if [ -z "$url" ]; then
    echo "fetch-libs: Debian source package $name $version is not in $uri (trixie, main);" >&2
    echo "fetch-libs: update the version and sha256 here only after checking the new package." >&2
    exit 1
  fi
  /usr/lib/apt/apt-helper download-file "$url" "$work/$tarball" "SHA256:$sha" >/dev/null
  [ -f "$work/$tarball" ] || { echo "fetch-libs: $tarball not among the files fetched into $work" >&2; exit 1; }
  got=$(sha256sum "$work/$tarball" | awk '{print $1}')
  [ "$got" = "$sha" ] || { echo "fetch-libs: sha256 mismatch for $tarball: expected $sha, got $got" >&2; exit 1; }
  rm -rf "${third:?}/$name"; mkdir -p "$third/$name"
  tar -xf "$work/$tarball" -C "$third/$name" --strip-components=1
  [ -f "$third/$name/$proof" ] || { echo "fetch-libs: $proof missing after unpacking $tarball" >&2; exit 1; }
  echo "$sha" > "$third/$name/.sha256"
  echo "fetch-libs: $name $version ready in $third/$name (sha256 ok)"
done
rm -rf "$work"
