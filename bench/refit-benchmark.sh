#!/usr/bin/env bash
# Full refit of a generated data set in PostgreSQL, with the previous default (one mixture,
# K=16) and the current one (the ensemble, K chosen by data) in the same run: time per
# phase, peak heap, the ratio of their fit and refit times, and the save/load time of a
# 50K-item, K=64 model. Not part of CI (it needs minutes and ~4 GB).
#
#   bench/refit-benchmark.sh                       # 10M ratings, 100K users, 20K items, 32 planted clusters
#   bench/refit-benchmark.sh --presets ensemble    # one preset only
#   bench/refit-benchmark.sh --ratings 1000000     # any option of RefitBenchmark
#
# Environment: MIXREC_BENCH_DB (database to recreate, default mixrec_bench),
# PGHOST/PGPORT/PGUSER for psql (default 127.0.0.1:5432, postgres), HEAP (default 3g).
set -euo pipefail
cd "$(dirname "$0")/.."
db=${MIXREC_BENCH_DB:-mixrec_bench}
host=${PGHOST:-127.0.0.1}
port=${PGPORT:-5432}
user=${PGUSER:-postgres}
psql -q -h "$host" -p "$port" -U "$user" -d postgres \
	-c "drop database if exists $db with (force)" -c "create database $db"
./mvnw -B -q -DskipTests -Dspring-javaformat.skip=true test-compile
classpath=$(./mvnw -B -q dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=/dev/stdout)
exec java -Xmx"${HEAP:-3g}" --add-modules jdk.incubator.vector -cp "target/test-classes:target/classes:$classpath" io.mixrec.refit.RefitBenchmark \
	--url "jdbc:postgresql://$host:$port/$db" --user "$user" "$@"
