#!/usr/bin/env bash
# JMH benchmarks of the EM kernels (E-step sums, M-step accumulation, a whole pass on one
# and two threads) on a power-law matrix: 2M ratings, 20K items, K=32 by default.
# Not part of CI. Prints JMH's table; divide a pass time by ratings x K for ns per
# rating x cluster (the script does it for the pass benchmarks).
#
#   bench/em-kernels.sh                          # default sizes
#   bench/em-kernels.sh -p clusters=64 -f 2      # any JMH option
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -B -q -DskipTests -Dspring-javaformat.skip=true test-compile
classpath=$(./mvnw -B -q dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=/dev/stdout)
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), java $(java -version 2>&1 | head -1)"
java -cp "target/test-classes:target/classes:$classpath" org.openjdk.jmh.Main EmKernelBenchmark -rf json -rff target/em-kernels.json "$@"
python3 - <<'PY'
import json
for r in json.load(open("target/em-kernels.json")):
    p = r["params"]; ms = r["primaryMetric"]["score"]
    per = ms * 1e6 / (int(p["ratings"]) * int(p["clusters"]))
    print(f'{r["benchmark"].split(".")[-1]:18s} {ms:9.2f} ms/op  {per:6.3f} ns per rating x cluster')
PY
