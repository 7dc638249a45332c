#!/usr/bin/env bash
# Quality through the service itself. Loads MovieLens 100K u1.base through POST /ratings/import
# into a fresh database, refits with the defaults and mixrec.refit.holdout-fraction=0 (so the
# model trains on exactly u1.base), then computes RMSE and NDCG@10 on u1.test from the HTTP
# answers of /users/{id}/predictions and /users/{id}/recommendations?limit=10
# (bench/service-quality.py), and compares them with the engine's offline
# `java -jar mixrec.jar evaluate` on the same split with the same defaults and seed, once on
# u1.base as it is and once on the ratings in the order the refit read them (both number
# users and items in id order, as a fresh import does, so both are the same fit). The
# figures must agree within 0.005. Not run by CI; see bench/README.md.
set -euo pipefail
cd "$(dirname "$0")/.."

DATA=${DATA:-../shared/data/ml-100k}
TRAIN=${TRAIN:-$DATA/u1.base}
TEST=${TEST:-$DATA/u1.test}
TOLERANCE=${TOLERANCE:-0.005}
source bench/common.sh
bench_settings 18091 mixrec_bench_quality
# The refit defaults (RefitProperties): preset ensemble, K chosen by data, seed 42.
SEED=${SEED:-42}

bench_needs java curl psql python3
[[ -f "$TRAIN" && -f "$TEST" ]] || { echo "no $TRAIN or $TEST (set DATA)" >&2; exit 1; }
bench_jar

cleanup() {
  stop_app
  drop_databases "$APP_DB"
}
trap cleanup EXIT

fresh_database "$APP_DB"
echo "Starting $JAR on port $PORT (database $APP_DB, log $WORK/quality.log)"
java ${BENCH_JAVA_OPTS:-} -jar "$JAR" --server.port="$PORT" \
  --spring.datasource.url="jdbc:postgresql://$PGHOST:$PGPORT/$APP_DB" --spring.datasource.username="$PGUSER" \
  --mixrec.security.api-keys[0].key="$KEY" --mixrec.security.api-keys[0].role=admin \
  --mixrec.refit.holdout-fraction=0 --mixrec.refit.cron=- >"$WORK/quality.log" 2>&1 &
APP_PID=$!
wait_ready "$WORK/quality.log"

echo "Importing $TRAIN"
# u.data style (user TAB item TAB rating TAB timestamp, no header), as it is
curl -sS --fail-with-body -H "X-API-Key: $KEY" -H 'Content-Type: text/tab-separated-values' \
  --data-binary @"$TRAIN" "$BASE/ratings/import"
echo

echo "Refitting with the defaults"
id=$(refit_active "$KEY")
options=$(curl -sS -H "X-API-Key: $KEY" "$BASE/admin/models/$id" | python3 -c '
import json, sys
m = json.load(sys.stdin)
o = m.get("options", {})
print("preset %s, clusters %s (K=%s), seed=%s, %s iterations" % (o.get("preset"), o.get("clusters"), m["clusters"],
      m["seed"], m["iterations"]))')
echo "Model version $id active; $options"
# the service loads the new version within mixrec.model.poll-interval (it is notified at once)
until curl -sf -H "X-API-Key: $KEY" "$BASE/clusters" >/dev/null; do sleep 0.5; done

echo "Querying the service for every u1.test user"
start=$(date +%s.%N)
service=$(MIXREC_KEY="$KEY" python3 bench/service-quality.py "$BASE" "$TEST")
end=$(date +%s.%N)
echo "$service"
awk -v a="$start" -v b="$end" 'BEGIN { printf "(%.1f s of HTTP requests)\n", b - a }'

# The engine's random starts depend on how users and items are numbered. evaluate numbers
# them in id order whatever the file's order; the refit numbers users in the table's order
# (the import writes them in key order) and items in key order, and the import assigns keys
# in id order. So both are the same fit; the second offline run, on the ratings in the order
# the refit read them, checks that the file's order does not matter.
ordered="$WORK/u1.base.refit-order.tsv"
psql -qtAX -F $'\t' -d "$APP_DB" -c "
  select u.external_id, i.external_id, r.rating
  from (select user_id, item_id, rating, row_number() over () as n from ratings) r
  join users u on u.id = r.user_id join items i on i.id = r.item_id order by r.n" >"$ordered"

kill "$APP_PID"; wait "$APP_PID" 2>/dev/null || true; APP_PID=""

evaluate() {
  java --add-modules jdk.incubator.vector -jar "$JAR" evaluate --train "$1" --test "$TEST" --seed "$SEED" \
    --format json 2>/dev/null | tail -1
}
echo "Offline: java -jar $JAR evaluate --train $TRAIN --test $TEST --seed $SEED"
engine=$(evaluate "$TRAIN")
echo "Offline: java -jar $JAR evaluate --train <u1.base in refit order> --test $TEST --seed $SEED"
engine_file=$(evaluate "$ordered")

python3 - "$service" "$engine" "$engine_file" "$TOLERANCE" <<'PY'
import json, sys
service, engine, engine_file = (json.loads(a) for a in sys.argv[1:4])
tolerance = float(sys.argv[4])
print()
print(f"{'metric':10} {'service':>9} {'evaluate':>9} {'diff':>9}   {'evaluate*':>9} {'diff':>9}")
worst = 0
for key, name in [("rmse", "RMSE"), ("mae", "MAE"), ("precisionAt10", "P@10"), ("recallAt10", "R@10"),
                  ("ndcgAt10", "NDCG@10")]:
    s, e, f = service[key], engine[key], engine_file[key]
    if key in ("rmse", "ndcgAt10"):
        worst = max(worst, abs(s - e))
    print(f"{name:10} {s:9.4f} {e:9.4f} {s - e:+9.5f}   {f:9.4f} {s - f:+9.5f}")
print(f"users ranked: service {service['usersRanked']}, evaluate {engine['usersRanked']};"
      f" test ratings {service['testRatings']} / {engine['testRatings']}"
      f" ({service['unknownItems']} of items the model does not know)")
print("evaluate: u1.base as it is; evaluate*: the same ratings in the order the refit read them")
verdict = "OK" if worst <= tolerance else "FAIL"
print(f"largest RMSE / NDCG@10 difference to evaluate: {worst:.5f} (tolerance {tolerance}): {verdict}")
sys.exit(0 if verdict == "OK" else 1)
PY
