#!/usr/bin/env bash
# Creates a class for Profila's course (web/deploy/README.md, "A class"), as a trainer's app does
# when signed in as a server admin, for a school whose trainers are not admins:
#   - a join code (12 characters, no 0/O or 1/I) whose first four, lowercased, are the class id;
#   - the class directory profila-class-<id> (roster document), readable by the role class-<id>-trainer;
#   - per trainee: user class-<id>-<slug> (password: the join code), database profila-class-<id>-<slug>
#     (members: that user and the trainer's role) with the app's validate_doc_update;
#   - the trainer's user gets the role class-<id>-trainer (created when missing; its password is asked).
# Usage: new-class.sh <couchdb-url-with-admin> "<names, separated by commas>" <trainer-user>
# Then the trainer opens Course > Class summary > Live class with the class id, and the trainees join
# on the Course screen with the code and their name as written here.
set -euo pipefail
url=${1:?couchdb url with admin credentials}; names=${2:?names separated by commas}; trainer=${3:?trainer user}
here=$(cd "$(dirname "$0")" && pwd)
alphabet=23456789ABCDEFGHJKLMNPQRSTUVWXYZ
code=""
for b in $(head -c 12 /dev/urandom | od -An -tu1); do code+=${alphabet:$((b % 32)):1}; done
id=$(printf '%s' "${code:0:4}" | tr 'A-Z' 'a-z')
role="class-$id-trainer"
put() { curl -fsS -X PUT "$url/$1" -H 'Content-Type: application/json' ${2:+-d "$2"} >/dev/null; }
security() { printf '{"admins":{"names":[],"roles":[]},"members":{"names":[%s],"roles":["%s"]}}' "$1" "$role"; }
# Names -> a JSON list of {name, slug}, the slug folded as core/course/classroom.cpp TraineeSlug does (accents, case,
# anything but letters and digits joined by '-'), repeated slugs left out.
roster=$(python3 - "$names" <<'EOF'
import sys, re, json
base = "aaaaaaaceeeeiiiidnooooo\0ouuuuyty"  # core/text/fold.cpp: the Latin-1 letters' base letters
def fold(ch):
    o = ord(ch)
    if ch.isascii() and ch.isalnum(): return ch.lower()
    if 0xC0 <= o <= 0xFF and base[(o - 0xC0) % 32] != "\0": return base[(o - 0xC0) % 32]
    return ' '
seen, out = set(), []
for name in re.split(r'[,;\n]', sys.argv[1]):
    name = name.strip()
    slug = '-'.join(''.join(fold(c) for c in name).split())[:40].rstrip('-')
    if slug and slug not in seen:
        seen.add(slug); out.append({'name': name, 'slug': slug})
print(json.dumps(out))
EOF
)
validate=$(python3 -c 'import json,sys,re; print(json.dumps({"validate_doc_update": re.sub(r"(?m)^//.*\n", "", open(sys.argv[1]).read()).strip()}))' "$here/validate_doc_update.js")
put "profila-class-$id"
put "profila-class-$id/_security" "$(security '')"
put "profila-class-$id/roster" "{\"_id\":\"roster\",\"type\":\"roster\",\"class\":\"$id\",\"trainees\":$roster}"
for slug in $(printf '%s' "$roster" | python3 -c 'import json,sys; print(" ".join(t["slug"] for t in json.load(sys.stdin)))'); do
  user="class-$id-$slug"; db="profila-class-$id-$slug"
  put "_users/org.couchdb.user:$user" "{\"name\":\"$user\",\"password\":\"$code\",\"roles\":[],\"type\":\"user\"}"
  put "$db"
  put "$db/_security" "$(security "\"$user\"")"
  printf '%s' "$validate" | curl -fsS -X PUT "$url/$db/_design/profila" -H 'Content-Type: application/json' -d @- >/dev/null
done
# The trainer's role: added to an existing user, or a new user (password asked, not echoed).
doc=$(curl -fsS "$url/_users/org.couchdb.user:$trainer" 2>/dev/null || true)
if [ -n "$doc" ]; then
  printf '%s' "$doc" | python3 -c 'import json,sys; d=json.load(sys.stdin); r=sys.argv[1]; d["roles"]=sorted(set(d.get("roles",[]))|{r}); print(json.dumps(d))' "$role" \
    | curl -fsS -X PUT "$url/_users/org.couchdb.user:$trainer" -H 'Content-Type: application/json' -d @- >/dev/null
else
  read -rsp "Password for the new trainer user $trainer: " pass; echo
  put "_users/org.couchdb.user:$trainer" "{\"name\":\"$trainer\",\"password\":\"$pass\",\"roles\":[\"$role\"],\"type\":\"user\"}"
fi
echo "class id: $id   join code: ${code:0:4}-${code:4:4}-${code:8:4}   trainer: $trainer ($role)"
