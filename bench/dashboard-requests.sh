#!/usr/bin/env bash
# Per-request time of the dashboard's history read (Spring Data JPA, a page and a count)
# next to the model list (JdbcClient, one query), sequential requests on loopback.
# Usage: MIXREC_KEY=... bench/dashboard-requests.sh [base-url] [requests]
set -euo pipefail
BASE=${1:-http://127.0.0.1:8080}
N=${2:-500}
measure() {
  local path=$1
  for _ in $(seq 1 50); do curl -s -o /dev/null -H "X-API-Key: $MIXREC_KEY" "$BASE$path"; done
  for _ in $(seq 1 "$N"); do
    curl -s -o /dev/null -w '%{time_total}\n' -H "X-API-Key: $MIXREC_KEY" "$BASE$path"
  done | sort -n | awk -v path="$path" '{ t[NR] = $1 * 1000; sum += t[NR] }
    END { printf "%-32s n=%d mean %.2f ms  p50 %.2f ms  p90 %.2f ms\n", path, NR, sum / NR, t[int(NR * 0.5)], t[int(NR * 0.9)] }'
}
measure "/admin/refits?size=20"
measure "/admin/models?limit=20"
measure "/ping"
