# Sourced by the benchmarks that run the service (import-benchmark.sh, recommend-load.sh,
# service-quality.sh, hostile-load.sh) from the repository's root: what they all set up
# the same way. Not a benchmark itself.

# bench_settings PORT DATABASE: the PostgreSQL connection (PGHOST, PGPORT, PGUSER,
# exported for psql), the server's PORT and BASE URL, the WORK directory, the service's
# database APP_DB, the JAR and a fresh admin-or-writer KEY. BENCH_PORT, BENCH_DIR, APP_DB
# and JAR override the defaults.
bench_settings() {
  PGHOST=${PGHOST:-127.0.0.1}
  PGPORT=${PGPORT:-5432}
  PGUSER=${PGUSER:-postgres}
  export PGHOST PGPORT PGUSER
  PORT=${BENCH_PORT:-$1}
  WORK=${BENCH_DIR:-${TMPDIR:-/tmp}/mixrec-bench}
  APP_DB=${APP_DB:-$2}
  JAR=${JAR:-target/mixrec.jar}
  KEY="bench-$(date +%s)-$(head -c 12 /dev/urandom | od -An -tx1 | tr -d " \n")"
  BASE="http://127.0.0.1:$PORT"
}

# bench_needs TOOL...: stops, naming the first tool that is not installed.
bench_needs() {
  local tool
  for tool in "$@"; do
    command -v "$tool" >/dev/null || { echo "needs $tool" >&2; exit 1; }
  done
}

# bench_jar: makes WORK and builds JAR when it is missing.
bench_jar() {
  mkdir -p "$WORK"
  if [[ ! -f "$JAR" ]]; then
    echo "Building $JAR"
    ./mvnw -B -q -DskipTests package
  fi
}

# fresh_database NAME: drops NAME if it exists and creates it empty.
fresh_database() {
  psql -qX -d postgres -c "set client_min_messages = warning" -c "drop database if exists $1 with (force)" \
    -c "create database $1" >/dev/null
}

# drop_databases NAME...: drops them, unless KEEP_DATABASES=1; never fails.
drop_databases() {
  [[ "${KEEP_DATABASES:-0}" == 1 ]] && return 0
  local name
  for name in "$@"; do
    psql -qX -d postgres -c "set client_min_messages = warning" -c "drop database if exists $name with (force)" \
      >/dev/null 2>&1 || true
  done
}

# stop_app: stops the service started as APP_PID, if any.
APP_PID=""
stop_app() {
  if [[ -n "$APP_PID" ]]; then
    kill "$APP_PID" 2>/dev/null || true
    wait "$APP_PID" 2>/dev/null || true
    APP_PID=""
  fi
}

# wait_ready LOG: waits up to two minutes for APP_PID to be ready; stops, naming LOG, when
# it exits or does not become ready.
wait_ready() {
  for _ in $(seq 1 120); do
    curl -sf "$BASE/actuator/health/readiness" >/dev/null && return 0
    kill -0 "$APP_PID" 2>/dev/null || break
    sleep 1
  done
  echo "mixrec did not start; see $1" >&2
  exit 1
}

# refit_active KEY [OPTIONS]: starts a refit with the admin KEY, with the OPTIONS JSON as
# its body (the defaults without), waits until it no longer runs and prints its version;
# stops, naming how it ended, unless it became the active model.
refit_active() {
  local key=$1 body=() refit id state status
  if [[ $# -gt 1 ]]; then body=(-H 'Content-Type: application/json' -d "$2"); fi
  refit=$(curl -sS --fail-with-body -X POST -H "X-API-Key: $key" "${body[@]}" "$BASE/admin/refits")
  id=$(sed -n 's/.*"id":\([0-9]*\).*/\1/p' <<<"$refit")
  while :; do
    state=$(curl -sS -H "X-API-Key: $key" "$BASE/admin/refits/$id")
    status=$(sed -n 's/.*"status":"\([a-z]*\)".*/\1/p' <<<"$state")
    [[ "$status" != running ]] && break
    sleep 1
  done
  [[ "$status" == active ]] || { echo "refit $id ended $status: $state" >&2; exit 1; }
  echo "$id"
}
