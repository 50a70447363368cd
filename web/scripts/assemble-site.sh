#!/usr/bin/env bash
# Puts the served site together: index.html, the JS shell, the build output, the shell's strings
# (from assets/i18n/<lang>/shell.json) and a version stamp for the service worker's cache.
set -euo pipefail
src="$1"; build="$2"; site="$3"
rm -rf "$site"; mkdir -p "$site/icons"
cp "$src/index.html" "$site/"
for f in "$src"/web/*.js "$src"/web/*.css "$src"/web/*.webmanifest; do
  [ -e "$f" ] || continue
  case "$(basename "$f")" in library_*.js) continue ;; esac
  cp "$f" "$site/"
done
[ -d "$src/web/icons" ] && cp "$src"/web/icons/* "$site/icons/" 2>/dev/null || true
cp "$build/profila.js" "$build/profila.wasm" "$build/profila.data" "$site/"
node -e '
  const fs = require("fs"), path = require("path");
  const dir = process.argv[1], out = {};
  for (const lang of fs.readdirSync(dir)) {
    const f = path.join(dir, lang, "shell.json");
    if (fs.existsSync(f)) out[lang] = JSON.parse(fs.readFileSync(f, "utf8"));
  }
  fs.writeFileSync(process.argv[2], "// Generated from assets/i18n/*/shell.json\nwindow.PROFILA_SHELL_STRINGS = " + JSON.stringify(out) + ";\n");
' "$src/assets/i18n" "$site/shell_strings.js"
# The version is the hash of everything served: a new build means a new service-worker cache.
version=$(cd "$site" && find . -type f ! -name sw.js ! -name version.json | sort | xargs sha256sum | sha256sum | cut -c1-16)
# version.json also lists the files the service worker caches for offline use (web/sw.js).
(cd "$site" && find . -type f ! -name sw.js ! -name version.json | sed 's|^\./||' | sort) | node -e '
  const files = require("fs").readFileSync(0, "utf8").split("\n").filter(Boolean);
  process.stdout.write(JSON.stringify({ version: process.argv[1], files }) + "\n");
' "$version" > "$site/version.json"
if [ -f "$site/sw.js" ]; then sed -i "s/__PROFILA_VERSION__/$version/" "$site/sw.js"; fi
