#!/usr/bin/env bash
# Creates a business's database, a user for its devices and the database's _security (the user as
# its only member). Usage: new-business.sh <couchdb-url-with-admin> <database> <user>
# The user's password is asked for (not echoed).
set -euo pipefail
url=${1:?couchdb url with admin credentials}; db=${2:?database}; user=${3:?user}
read -rsp "Password for $user: " pass; echo
curl -fsS -X PUT "$url/$db" >/dev/null
curl -fsS -X PUT "$url/_users/org.couchdb.user:$user" -H 'Content-Type: application/json' \
  -d "{\"name\":\"$user\",\"password\":\"$pass\",\"roles\":[],\"type\":\"user\"}" >/dev/null || true
curl -fsS -X PUT "$url/$db/_security" -H 'Content-Type: application/json' \
  -d "{\"admins\":{\"names\":[],\"roles\":[]},\"members\":{\"names\":[\"$user\"],\"roles\":[]}}" >/dev/null
# The app's validate_doc_update (validate_doc_update.js without its comment lines) as _design/profila.
here=$(cd "$(dirname "$0")" && pwd)
python3 -c 'import json,sys,re; print(json.dumps({"validate_doc_update": re.sub(r"(?m)^//.*\n", "", open(sys.argv[1]).read()).strip()}))' \
  "$here/validate_doc_update.js" | curl -fsS -X PUT "$url/$db/_design/profila" -H 'Content-Type: application/json' -d @- >/dev/null
echo "database $db ready for $user"
