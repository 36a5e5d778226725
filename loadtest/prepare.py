"""Prepares request data for the wrk scenarios from the loaded read model (codes, name fragments,
ETags, feed positions, a 1,000-subject screening body). Usage: prepare.py OPENSEARCH SERVICE DATA_DIR"""
import json
import random
import sys
import urllib.parse
import urllib.request

opensearch, service, data = sys.argv[1], sys.argv[2], sys.argv[3]
random.seed(7)


def get(url, headers=None):
    req = urllib.request.Request(url, headers=headers or {})
    with urllib.request.urlopen(req, timeout=60) as r:
        return r.status, dict(r.headers), r.read()


def post(url, body):
    req = urllib.request.Request(url, data=json.dumps(body).encode(), headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(req, timeout=60) as r:
        return json.loads(r.read())


hits = post(opensearch + "/xy-entities/_search", {
    "size": 10000, "_source": ["uscc", "name", "regionCode"],
    "query": {"function_score": {"query": {"term": {"withdrawn": False}}, "random_score": {"seed": 7, "field": "_seq_no"}}},
})["hits"]["hits"]
entities = [h["_source"] for h in hits]
with open(data + "/codes.txt", "w") as f:
    f.write("\n".join(e["uscc"] for e in entities) + "\n")

queries = set()
for e in entities[:2000]:
    name = e["name"]
    core = name[3:7] if len(name) > 8 else name[:4]
    queries.add(urllib.parse.quote(core))
with open(data + "/queries.txt", "w") as f:
    f.write("\n".join(sorted(queries)) + "\n")

with open(data + "/etags.txt", "w") as f:
    for e in entities[:300]:
        status, headers, _ = get(service + "/v1/entities/" + e["uscc"])
        if status == 200:
            f.write(e["uscc"] + " " + headers["ETag"] + "\n")

positions = []
since = None
for _ in range(60):
    url = service + "/v1/feeds/licences?limit=1000" + ("&since=" + since if since else "")
    _, _, body = get(url)
    page = json.loads(body)
    since = page["position"]
    positions.append(since)
    if not page["more"]:
        break
with open(data + "/positions.txt", "w") as f:
    f.write("\n".join(positions) + "\n")

subjects = [{"uscc": e["uscc"]} for e in entities[2000:2500]]
subjects += [{"name": e["name"]} for e in entities[2500:3000]]
random.shuffle(subjects)
with open(data + "/screening.json", "w") as f:
    json.dump({"subjects": subjects}, f, ensure_ascii=False)
with open(data + "/check-batch.json", "w") as f:
    json.dump({"matter": "bidding", "subjects": [e["uscc"] for e in entities[3000:4000]]}, f)
print("prepared %d codes, %d queries, %d positions" % (len(entities), len(queries), len(positions)))
