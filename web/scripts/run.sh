#!/usr/bin/env bash
# The run command: installs what is missing, builds the app and serves it on 127.0.0.1.
# PORT overrides the port (default 8080).
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
bash "$root/web/scripts/deps.sh"
bash "$root/web/scripts/build.sh" web
exec node "$root/web/serve.mjs" "$root/build/web/site" --port "${PORT:-8080}"
