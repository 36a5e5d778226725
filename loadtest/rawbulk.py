"""The store's own bulk limit, for the bulk-load row: the loaded documents written again with plain `_bulk` requests,
nothing else in the way. Reads up to LIMIT documents from every search index (in proportion to their sizes), makes an
index with the same mappings and analysis for each (no replicas, no refresh, as the loader's bulk indices), then times
only the `_bulk` requests of 1,000 documents, PARALLEL at a time (the loader's chunks in flight). Prints
"documents seconds documents/s" and deletes what it made.

Usage: rawbulk.py OPENSEARCH_URL [LIMIT] [PARALLEL]"""
import json
import sys
import time
import urllib.request
from concurrent.futures import ThreadPoolExecutor

url = sys.argv[1].rstrip("/")
limit = int(sys.argv[2]) if len(sys.argv) > 2 else 400_000
parallel = int(sys.argv[3]) if len(sys.argv) > 3 else 2
PREFIX = "xy-rawbulk-"


def call(method, path, body=None, ndjson=False):
    data = None
    headers = {}
    if body is not None:
        data = body if isinstance(body, bytes) else json.dumps(body).encode()
        headers["Content-Type"] = "application/x-ndjson" if ndjson else "application/json"
    req = urllib.request.Request(url + path, data=data, method=method, headers=headers)
    with urllib.request.urlopen(req, timeout=300) as r:
        return json.loads(r.read() or b"{}")


aliases = sorted({alias for index in call("GET", "/_alias").values() for alias in index.get("aliases", {})
                  if alias.startswith("xy-")})
counts = {a: call("GET", "/%s/_count" % a)["count"] for a in aliases}
total = sum(counts.values()) or 1
bodies = []
documents = 0
for alias in aliases:
    want = min(counts[alias], max(1, limit * counts[alias] // total))
    index = next(iter(call("GET", "/%s/_alias" % alias)))
    source = call("GET", "/%s" % index)[index]
    analysis = source["settings"]["index"].get("analysis")
    target = PREFIX + alias[len("xy-"):]
    settings = {"number_of_replicas": 0, "refresh_interval": "-1"}
    if analysis:
        settings["analysis"] = analysis
    try:
        call("DELETE", "/" + target)
    except urllib.error.HTTPError:
        pass
    call("PUT", "/" + target, {"settings": {"index": settings}, "mappings": source["mappings"]})
    page = call("POST", "/%s/_search?scroll=2m" % alias, {"size": 1000, "sort": ["_doc"]})
    taken = 0
    while page["hits"]["hits"] and taken < want:
        lines = []
        for hit in page["hits"]["hits"][: want - taken]:
            lines.append(json.dumps({"index": {"_index": target, "_id": hit["_id"]}}, ensure_ascii=False))
            lines.append(json.dumps(hit["_source"], ensure_ascii=False))
            taken += 1
        bodies.append(("\n".join(lines) + "\n").encode())
        page = call("POST", "/_search/scroll", {"scroll": "2m", "scroll_id": page["_scroll_id"]})
    call("DELETE", "/_search/scroll", {"scroll_id": page["_scroll_id"]})
    documents += taken


def send(body):
    answer = call("POST", "/_bulk", body, ndjson=True)
    if answer.get("errors"):
        raise SystemExit("raw _bulk refused documents: %s" % json.dumps(answer)[:500])


started = time.time()
with ThreadPoolExecutor(parallel) as pool:
    list(pool.map(send, bodies))
seconds = time.time() - started
for alias in aliases:
    call("DELETE", "/" + PREFIX + alias[len("xy-"):])
print("%d %.1f %.0f" % (documents, seconds, documents / seconds))
