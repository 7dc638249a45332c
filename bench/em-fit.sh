#!/usr/bin/env bash
# Speed of the EM engine on a planted-mixture data set, through the CLI of the service jar:
# by default 10M ratings, 100K users, 20K items, K=32, classic preset (issue 3's target:
# <= 0.5 ns per rating x cluster x iteration on 2 cores). Not part of CI.
#
#   bench/em-fit.sh                             # classic, 20 iterations
#   PRESET=default ITERATIONS=50 bench/em-fit.sh
#   JAVA_OPTS=-Dmixrec.vector=false bench/em-fit.sh   # the scalar kernels, for comparison
set -euo pipefail
cd "$(dirname "$0")/.."
data=${DATA:-target/bench/planted-10m.tsv}
if [ ! -f "$data" ]; then
	./mvnw -B -q -DskipTests -Dspring-javaformat.skip=true package
	mkdir -p "$(dirname "$data")"
	java -jar target/mixrec.jar generate --users 100000 --items 20000 --ratings 10000000 --clusters 32 --seed 1 \
		--out "$data"
fi
[ -f target/mixrec.jar ] || ./mvnw -B -q -DskipTests -Dspring-javaformat.skip=true package
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), java $(java -version 2>&1 | head -1)"
# shellcheck disable=SC2086
java ${JAVA_OPTS:-} --add-modules jdk.incubator.vector -Xmx${HEAP:-1500m} -jar target/mixrec.jar fit --ratings "$data" \
	--preset "${PRESET:-classic}" --clusters "${CLUSTERS:-32}" --max-iterations "${ITERATIONS:-20}" --seed 1
