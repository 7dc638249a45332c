#!/usr/bin/env bash
# Builds the image and checks it as a user would run it: the CLI mode (--help, a wrong
# command, generate + evaluate on a mounted directory), the service in its single-machine
# mode (embedded PostgreSQL in /data) with SERVER_PORT moved, HEALTHCHECK healthy, the
# kernels it logs, and a graceful stop within the grace period.
# Usage: docker/image-check.sh [image-tag]   (needs a Docker engine with BuildKit)
set -euo pipefail
cd "$(dirname "$0")/.."

IMAGE=${1:-mixrec:image-check}
NAME=mixrec-image-check-$$
WORK=$(mktemp -d)
failures=0

cleanup() {
  docker rm -f "$NAME" >/dev/null 2>&1 || true
  docker volume rm -f "$NAME-data" >/dev/null 2>&1 || true
  rm -rf "$WORK"
}
trap cleanup EXIT

check() { # check DESCRIPTION CONDITION...
  local what=$1
  shift
  if "$@"; then
    echo "[image-check] ok:   $what"
  else
    echo "[image-check] FAIL: $what"
    failures=$((failures + 1))
  fi
}

started=$SECONDS
DOCKER_BUILDKIT=1 docker build -q -t "$IMAGE" . >/dev/null
echo "[image-check] built $IMAGE in $((SECONDS - started)) s"

# CLI mode: the container's arguments are mixrec's.
set +e
docker run --rm "$IMAGE" --help >"$WORK/help.out" 2>&1
help_code=$?
docker run --rm "$IMAGE" frobnicate >"$WORK/bad.out" 2>&1
bad_code=$?
chmod 777 "$WORK"
docker run --rm -v "$WORK:/work" "$IMAGE" generate --users 200 --items 50 --ratings 3000 --clusters 3 \
  --out /work/ratings.tsv >"$WORK/generate.out" 2>&1
generate_code=$?
docker run --rm -v "$WORK:/work" "$IMAGE" evaluate --train /work/ratings.tsv --test /work/ratings.tsv \
  --clusters 3 --preset classic >"$WORK/evaluate.out" 2>&1
evaluate_code=$?
set -e
check "--help exits 0 and lists every command" \
  test "$help_code" -eq 0 -a "$(grep -cE '^  (serve|evaluate|fit|generate) ' "$WORK/help.out")" -eq 4
check "an unknown command exits 2 with a message" \
  bash -c "test $bad_code -eq 2 && grep -q \"unknown command 'frobnicate'\" '$WORK/bad.out'"
check "generate writes a rating file" test "$generate_code" -eq 0 -a -s "$WORK/ratings.tsv"
check "evaluate runs with the SIMD kernels" \
  bash -c "test $evaluate_code -eq 0 && grep -q 'EM kernels SIMD' '$WORK/evaluate.out'"

# The service: embedded PostgreSQL in the image's /data, on a port moved by SERVER_PORT.
docker run -d --name "$NAME" -e SERVER_PORT=9090 -v "$NAME-data:/data" "$IMAGE" >/dev/null
started=$SECONDS
status=starting
while [[ $((SECONDS - started)) -lt 300 ]]; do
  status=$(docker inspect --format '{{.State.Health.Status}}' "$NAME")
  [[ "$status" == healthy || "$status" == unhealthy ]] && break
  [[ "$(docker inspect --format '{{.State.Running}}' "$NAME")" == true ]] || break
  sleep 3
done
echo "[image-check] health: $status after $((SECONDS - started)) s"
check "the container becomes healthy with SERVER_PORT=9090" test "$status" = healthy
docker logs "$NAME" >"$WORK/service.log" 2>&1
check "the service logs its single-machine mode" grep -q "Single-machine mode" "$WORK/service.log"
check "the service logs SIMD kernels" grep -q "EM kernels: SIMD" "$WORK/service.log"
check "the service prints its first admin key" grep -q "Send it in the X-API-Key header" "$WORK/service.log"
answer=$(docker exec "$NAME" curl -s -o /dev/null -w '%{http_code}' http://127.0.0.1:9090/actuator/health || true)
check "GET /actuator/health answers 200 on port 9090" test "$answer" = 200

# Graceful stop: SIGTERM to the JVM (PID 1), done well within the 30 s grace period.
started=$SECONDS
docker stop -t 30 "$NAME" >/dev/null
stop_seconds=$((SECONDS - started))
exit_code=$(docker inspect --format '{{.State.ExitCode}}' "$NAME")
docker logs "$NAME" >"$WORK/service.log" 2>&1
echo "[image-check] stopped in $stop_seconds s with exit code $exit_code"
check "docker stop ends the service by SIGTERM, not SIGKILL" test "$exit_code" != 137 -a "$stop_seconds" -lt 30
check "the service shuts down gracefully" grep -q "Graceful shutdown complete" "$WORK/service.log"
check "the embedded PostgreSQL is stopped" grep -q "shut down postmaster" "$WORK/service.log"

if [[ $failures -gt 0 ]]; then
  echo "[image-check] $failures check(s) failed; service log:"
  tail -n 60 "$WORK/service.log"
  exit 1
fi
echo "[image-check] all checks passed"
