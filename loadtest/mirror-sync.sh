#!/usr/bin/env bash
# How long a new anonymous mirror takes to get the whole public set, as shipped (anonymous quota, no token):
# starts local Redis/PostgreSQL/OpenSearch, loads the synthetic set, starts the service with its shipped rate
# limits, makes a generation of dumps (timed), then acts as an anonymous mirror: reads the signed manifest,
# downloads every dump and checks its SHA-256, then follows every change feed from the dump's position to its end
# (timed). The other way in, the live exports (one request per dataset), is timed too. Prints a table.
#
# Parameters (environment): ENTITIES (default 1000000), SEED, SERVICE_PORT.
ENTITIES="${ENTITIES:-1000000}"
SEED="${SEED:-20261125}"
SERVICE_PORT="${SERVICE_PORT:-18090}"
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
WORK="$ROOT/target/loadtest"
INFRA="$WORK/mirror-infra"
MIRROR="$WORK/mirror"
mkdir -p "$WORK"
rm -rf "$MIRROR" && mkdir -p "$MIRROR"
log() { printf '[mirror %s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
now() { date +%s.%N; }
since() { python3 -c "print(round($(now) - $1, 1))"; }

./mvnw -q package -DskipTests
APP_PID=""
cleanup() {
  [ -n "$APP_PID" ] && kill "$APP_PID" 2>/dev/null || true
  bin/infra down "$INFRA" >/dev/null 2>&1 || true
}
trap cleanup EXIT
OPENSEARCH_HEAP="${OPENSEARCH_HEAP:-1g}" bin/infra up "$INFRA" >/dev/null
# shellcheck disable=SC1091
. "$INFRA/env"
FEED="$WORK/feed-$ENTITIES-$SEED.ndjson.gz"
[ -f "$FEED" ] || bin/generate "$FEED" "$ENTITIES" "$SEED" "$(date +%F)" >&2
log "loading $(basename "$FEED")"
bin/load --dir "$INFRA" --rebuild "$FEED" >/dev/null 2>&1

TOKEN=mirror-ingest-token
XINYONG_REDIS_URL="$REDIS_URL" XINYONG_OPENSEARCH_URL="$OPENSEARCH_URL" XINYONG_PG_HOSTPORT="$PG_HOSTPORT" \
  XINYONG_PERSONS_HASH_KEY=mirror-person-key XINYONG_PAGING_CURSOR_SECRET=mirror-cursor-key XINYONG_XINYI_SIGNING_KEY=generate \
  XINYONG_INGEST_TOKEN="$TOKEN" XINYONG_DUMPS_DIR="$WORK/mirror-dumps" XINYONG_DUMPS_ENABLED=false \
  java -Xmx1g -Dquarkus.http.port="$SERVICE_PORT" -Dquarkus.log.console.json.enabled=false -Dquarkus.log.level=WARN \
  -Dxinyong.ratelimit.trusted-proxies=none -jar target/quarkus-app/quarkus-run.jar > "$WORK/mirror-service.log" 2>&1 &
APP_PID=$!
BASE="http://127.0.0.1:$SERVICE_PORT"
for _ in $(seq 1 120); do curl -fsS "$BASE/q/health/ready" >/dev/null 2>&1 && break; sleep 1; done

log "making a generation of dumps"
t=$(now)
curl -fsS -X POST -H "Authorization: Bearer $TOKEN" "$BASE/internal/dumps" > "$MIRROR/made.json"
dump_seconds=$(since "$t")

log "an anonymous mirror: manifest, files, digests, then the feeds to their end"
t=$(now)
curl -fsS "$BASE/v1/dumps" > "$MIRROR/manifest.json"
python3 - "$MIRROR/manifest.json" > "$MIRROR/files.tsv" <<'PY'
import json, sys
m = json.load(open(sys.argv[1]))["manifest"]
for d in m["dumps"]:
    print("\t".join([d["dataset"], d["file"], d["sha256"], str(d["records"]), str(d["bytes"]), d["feedPosition"]]))
PY
records=0; bytes=0; requests=1; throttled=0
while IFS=$'\t' read -r dataset file sha count size position; do
  code=$(curl -sS -o "$MIRROR/$file" -w '%{http_code}' "$BASE/v1/dumps/$file"); requests=$((requests + 1))
  [ "$code" = 200 ] || { log "download of $file answered $code"; exit 1; }
  [ "$(sha256sum "$MIRROR/$file" | cut -d' ' -f1)" = "$sha" ] || { log "$file does not match its SHA-256"; exit 1; }
  records=$((records + count)); bytes=$((bytes + size))
  pos="$position"; more=true
  while [ "$more" = true ]; do
    out=$(curl -sS -w '\n%{http_code}' "$BASE/v1/feeds/$dataset?limit=1000&since=$pos"); requests=$((requests + 1))
    code=$(echo "$out" | tail -n1)
    if [ "$code" = 429 ]; then throttled=$((throttled + 1)); sleep 0.2; continue; fi
    read -r pos more < <(echo "$out" | sed '$d' | python3 -c 'import json,sys; p=json.load(sys.stdin); print(p["position"], str(p["more"]).lower())')
  done
done < "$MIRROR/files.tsv"
mirror_seconds=$(since "$t")

log "the other way in: the live exports, one request per dataset"
# The dump files came out of the anonymous exports bucket (burst 5, 0.2/s): let it refill first.
sleep 26
t=$(now); export_bytes=0
for dataset in entities licences penalties list-entries commitments; do
  curl -fsS -o "$MIRROR/export-$dataset.ndjson.gz" "$BASE/v1/exports/$dataset.ndjson.gz"
  export_bytes=$((export_bytes + $(stat -c %s "$MIRROR/export-$dataset.ndjson.gz")))
done
export_seconds=$(since "$t")

printf '| step | figure |\n|---|---|\n'
printf '| entities | %s (records in all public datasets: %s) |\n' "$ENTITIES" "$records"
printf '| making one generation of dumps | %s s |\n' "$dump_seconds"
printf '| anonymous mirror: manifest, %s files (%s MB), digests checked, feeds followed to their end | %s s, %s requests, %s answered 429 |\n' \
  "$(wc -l < "$MIRROR/files.tsv")" "$((bytes / 1000000))" "$mirror_seconds" "$requests" "$throttled"
printf '| the five live exports (gzipped NDJSON, %s MB) | %s s |\n' "$((export_bytes / 1000000))" "$export_seconds"
