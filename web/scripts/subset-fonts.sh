#!/usr/bin/env bash
# Subsets the UI fonts from Debian's packages to the glyphs Profila draws (Latin for it/en/es,
# punctuation, the euro sign, a few symbols) and the icon font to the icons app/ui/icons.h names.
# Keeping only these ranges is what keeps the download small. Must match app/ui/fonts.cpp.
set -euo pipefail
out="$1"; mkdir -p "$out"
py=/usr/bin/python3   # Debian's python, where python3-fonttools lives
text_ranges="U+0020-007E,U+00A0-017F,U+2013-2014,U+2018-201E,U+2022,U+2026,U+20AC,U+2190-2193,U+2212,U+2248,U+2264-2265,U+2713,U+00D7"
for face in Regular SemiBold; do
  "$py" -m fontTools.subset "/usr/share/fonts/opentype/inter/Inter-$face.otf" \
    --unicodes="$text_ranges" --layout-features='kern' --no-hinting --desubroutinize \
    --output-file="$out/Inter-$face.otf"
done
icons=$(grep -oE 'u8"\\u[0-9a-fA-F]{4}"' "$(dirname "$0")/../../app/ui/icons.h" | grep -oE '[0-9a-fA-F]{4}' | sort -u | sed 's/^/U+/' | paste -sd, -)
"$py" -m fontTools.subset /usr/share/fonts/truetype/fork-awesome/forkawesome-webfont.ttf \
  --unicodes="$icons" --no-hinting --output-file="$out/ForkAwesome.ttf"
