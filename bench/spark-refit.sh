#!/usr/bin/env bash
# The refit on Spark in local[2] against the in-process fit, same data, same seed, same
# run: the planted 10M set (100K users, 20K items) of bench/em-fit.sh, a fixed number of
# iterations; the classic preset (K=32) or, with PRESET=ensemble, the default model
# (K=16 for its user mixture, every part's restarts at the service's defaults), no
# holdout. Prints both fits' times and, for Spark, where each
# E-step's time goes (broadcast, job wall time, the E-step proper summed over tasks).
# Not part of CI (minutes, ~6 GB). No spark-submit needed: Spark comes from the local
# Maven repository (spark/'s provided dependencies).
#
#   bench/spark-refit.sh                          # 10M ratings, 10 iterations
#   RATINGS=1000000 USERS=10000 ITERATIONS=20 bench/spark-refit.sh
#   PART_USERS=50000 bench/spark-refit.sh         # 2 partitions instead of the engine's 16 blocks
#   PRESET=ensemble CLUSTERS=16 bench/spark-refit.sh
set -euo pipefail
cd "$(dirname "$0")/.."
ratings=${RATINGS:-10000000}
users=${USERS:-100000}
items=${ITEMS:-20000}
iterations=${ITERATIONS:-10}
clusters=${CLUSTERS:-32}
preset=${PRESET:-classic}
data=${DATA:-target/bench/planted-$ratings.tsv}
[ -f target/mixrec.jar ] || ./mvnw -B -q -DskipTests -Dspring-javaformat.skip=true package
if [ ! -f "$data" ]; then
	mkdir -p "$(dirname "$data")"
	java -jar target/mixrec.jar generate --users "$users" --items "$items" --ratings "$ratings" --clusters 32 \
		--seed 1 --out "$data"
fi
spark/install-engine.sh >/dev/null
./mvnw -B -q -f spark/pom.xml -DskipTests -Dspring-javaformat.skip=true package
classpath=$(./mvnw -B -q -f spark/pom.xml dependency:build-classpath -Dmdep.includeScope=test \
	-Dmdep.outputFile=/dev/stdout)
options=$(./mvnw -B -q -f spark/pom.xml help:evaluate -Dexpression=spark.jvm.options -DforceStdout | tr '\n\t' '  ')

echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "== in-process (the engine's $preset fit, 2 threads, same numbering as the Spark job)"
java --add-modules jdk.incubator.vector -Xmx"${HEAP:-4g}" -cp target/mixrec-engine.jar bench/InProcessFit.java \
	"$data" "$clusters" "$iterations" 1 "$preset" 2>/dev/null | tee target/bench/inprocess.txt | grep -v '^trace'
echo "load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "== Spark local[2]"
start=$(date +%s.%N)
# shellcheck disable=SC2086
java $options -Xmx"${SPARK_HEAP:-6g}" -Dspark.master='local[2]' -Dspark.ui.enabled=false \
	-cp "spark/target/mixrec-spark.jar:$classpath" io.mixrec.spark.SparkRefit --input "$data" --separator '\t' \
	--preset "$preset" --clusters "$clusters" --max-iterations "$iterations" --seed 1 --holdout-fraction 0 \
	--part-users "${PART_USERS:-0}" --dry-run \
	2>target/bench/spark.log | tee target/bench/spark.txt
echo "wall $(echo "$(date +%s.%N) - $start" | bc) s (JVM start, Spark start, read, number, partition, fit)"
echo "load $(cut -d' ' -f1-3 /proc/loadavg)"
