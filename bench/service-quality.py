#!/usr/bin/env python3
"""Quality through the service: RMSE and NDCG@10 of a running mixrec computed from its
HTTP answers, under the protocol of the engine's Evaluator (design.md 1.2):

- RMSE over every test rating; each prediction clamped to the training ratings' range
  (the service clamps to the rating scale, 1 to 5, which is that range for MovieLens);
- NDCG@10 for every test user with at least one relevant test rating (>= 4): the top 10
  of all items outside the user's training ratings (GET /recommendations?limit=10, which
  excludes the rated items: the database holds exactly the training ratings), hits are
  relevant test items, DCG = sum 1/log2(rank + 1), IDCG over min(|relevant|, 10) ranks;
  averaged over those users. Also P@10 and R@10.

Usage: service-quality.py BASE_URL TEST_FILE  (u.data style: user TAB item TAB rating ...)
Prints one JSON object with the figures.
"""
import http.client
import json
import math
import os
import sys
import urllib.parse

base, test_file = sys.argv[1], sys.argv[2]
url = urllib.parse.urlparse(base)
connection = http.client.HTTPConnection(url.hostname, url.port, timeout=60)


# reads need a key unless mixrec.security.require-read-key=false
headers = {"X-API-Key": os.environ["MIXREC_KEY"]} if os.environ.get("MIXREC_KEY") else {}


def get(path):
    connection.request("GET", path, headers=headers)
    response = connection.getresponse()
    body = response.read()
    if response.status != 200:
        raise SystemExit(f"GET {path}: {response.status} {body[:300]!r}")
    return json.loads(body)


test = {}
for line in open(test_file, encoding="latin-1"):
    fields = line.split("\t")
    if len(fields) >= 3:
        test.setdefault(fields[0], []).append((fields[1], float(fields[2])))

CUTOFF, THRESHOLD, CHUNK = 10, 4.0, 500
squares = absolute = 0.0
count = unknown = 0
ranked = 0
precision = recall = ndcg = 0.0
versions = set()
for user, ratings in test.items():
    quoted = urllib.parse.quote(user, safe="")
    for start in range(0, len(ratings), CHUNK):
        chunk = ratings[start:start + CHUNK]
        ids = ",".join(urllib.parse.quote(item, safe="") for item, _ in chunk)
        answer = get(f"/users/{quoted}/predictions?itemIds={ids}")
        versions.add(answer["modelVersion"])
        for (item, actual), prediction in zip(chunk, answer["predictions"]):
            assert prediction["itemId"] == item, (prediction, item)
            unknown += not prediction["known"]
            error = prediction["predictedRating"] - actual
            squares += error * error
            absolute += abs(error)
            count += 1
    relevant = {item for item, value in ratings if value >= THRESHOLD}
    if not relevant:
        continue
    answer = get(f"/users/{quoted}/recommendations?limit={CUTOFF}")
    versions.add(answer["modelVersion"])
    top = [item["itemId"] for item in answer["items"]]
    hits = 0
    dcg = 0.0
    for rank, item in enumerate(top):
        if item in relevant:
            hits += 1
            dcg += 1 / math.log2(rank + 2)
    idcg = sum(1 / math.log2(rank + 2) for rank in range(min(len(relevant), CUTOFF)))
    ranked += 1
    precision += hits / CUTOFF
    recall += hits / len(relevant)
    ndcg += dcg / idcg

print(json.dumps({
    "rmse": math.sqrt(squares / count), "mae": absolute / count,
    "precisionAt10": precision / ranked, "recallAt10": recall / ranked, "ndcgAt10": ndcg / ranked,
    "usersRanked": ranked, "testRatings": count, "unknownItems": unknown,
    "users": len(test), "modelVersions": sorted(versions),
}))
