#!/usr/bin/env bash
# What Spring Data JPA costs on the item reads: two builds of the service side by side on
# one database (BEFORE_JAR on port 18080, AFTER_JAR on 18081; e.g. the jar of the commit
# before the JPA repository and this checkout's), their startup (wall time and process CPU
# time until ready), then ROUNDS alternations of wrk on GET /items/{random id of 1..ITEMS}
# against each, printing requests/s, p50, p99 and the server's CPU time per request (from
# /proc/PID/stat), which other work on the machine distorts less than throughput.
# The database (DB, default mixrec_bench_import) must hold the items, e.g. MovieLens 100K
# imported with the README's curl lines. Needs java, curl, wrk, bc. Not run by CI.
set -euo pipefail
BEFORE_JAR=${BEFORE_JAR:?jar of the build before}
AFTER_JAR=${AFTER_JAR:-target/mixrec.jar}
DB=${DB:-mixrec_bench_import}
ITEMS=${ITEMS:-1682}
ROUNDS=${ROUNDS:-4}
KEY=bench-admin-key-0123456789abcdef
TCK=$(getconf CLK_TCK)
WORK=$(mktemp -d)
cat > "$WORK/items.lua" <<LUA
math.randomseed(7)
request = function()
  return wrk.format("GET", "/items/" .. math.random(1, $ITEMS), {["X-API-Key"] = "$KEY"})
end
LUA
cpu() { awk -v t="$TCK" '{ printf "%.2f", ($14 + $15) / t }' "/proc/$1/stat"; }
start() { # name jar port
  local s
  s=$(date +%s.%N)
  SPRING_DATASOURCE_URL=jdbc:postgresql://127.0.0.1:5432/$DB SPRING_DATASOURCE_USERNAME=postgres \
    MIXREC_SECURITY_API_KEYS_0_KEY=$KEY MIXREC_SECURITY_API_KEYS_0_ROLE=admin SERVER_PORT=$3 \
    java --add-modules jdk.incubator.vector -jar "$2" > "$WORK/$1.log" 2>&1 &
  echo $! > "$WORK/$1.pid"
  until curl -sf "localhost:$3/actuator/health/readiness" > /dev/null 2>&1; do sleep 0.2; done
  echo "$1 startup: $(grep -m1 -o 'Started MixrecApplication in [0-9.]* seconds' "$WORK/$1.log")," \
    "ready after $(echo "$(date +%s.%N) - $s" | bc | cut -c1-5) s wall, $(cpu "$(cat "$WORK/$1.pid")") s CPU," \
    "load $(cut -d' ' -f1 /proc/loadavg)"
}
run() { # name port seconds
  local pid c0 c1 out req
  pid=$(cat "$WORK/$1.pid")
  c0=$(cpu "$pid")
  out=$(wrk -t1 -c4 -d"$3"s --latency -s "$WORK/items.lua" "http://localhost:$2" 2>&1)
  c1=$(cpu "$pid")
  req=$(echo "$out" | awk '/requests in/ { print $1 }')
  echo "$1: $(echo "$out" | awk '/Requests\/sec/ { print $2 }') req/s," \
    "p50 $(echo "$out" | awk '$1 == "50%" { print $2 }'), p99 $(echo "$out" | awk '$1 == "99%" { print $2 }')," \
    "server CPU $(echo "scale=3; ($c1 - $c0) * 1000 / $req" | bc) ms/request ($req requests)," \
    "load $(cut -d' ' -f1 /proc/loadavg)"
}
trap 'kill $(cat "$WORK"/*.pid) 2> /dev/null || true' EXIT
start before "$BEFORE_JAR" 18080
start after "$AFTER_JAR" 18081
run before 18080 20 > /dev/null
run after 18081 20 > /dev/null
for _ in $(seq 1 "$ROUNDS"); do
  run before 18080 10
  run after 18081 10
done
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
