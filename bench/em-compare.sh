#!/usr/bin/env bash
# The EM engine of this checkout against an earlier version, in one run on the same data:
# builds the jar of BASELINE (a git revision) in a scratch worktree, then fits the same
# 10M planted ratings (100K users, 20K items, K=32, classic preset) with both jars,
# alternating, ROUNDS times each, and prints the best ns per rating x cluster x iteration
# of each and their ratio. Not part of CI.
#
#   bench/em-compare.sh                          # against the engine's first landed version
#   BASELINE=v0.2.0 ROUNDS=3 bench/em-compare.sh # against any tag, branch or commit
#
# The default baseline, ab6c7c8, is the merge that first brought the engine and its CLI to
# main (before the SIMD E-step kernels). Best-of-N because other work on the machine only
# ever makes a run slower.
set -euo pipefail
cd "$(dirname "$0")/.."
baseline=${BASELINE:-ab6c7c8}
rounds=${ROUNDS:-2}
iterations=${ITERATIONS:-20}
work=target/bench
data=${DATA:-$work/planted-10m.tsv}
mkdir -p "$work"

[ -f target/mixrec.jar ] || ./mvnw -B -q -DskipTests -Dspring-javaformat.skip=true package
if [ ! -f "$data" ]; then
	java -jar target/mixrec.jar generate --users 100000 --items 20000 --ratings 10000000 --clusters 32 --seed 1 \
		--out "$data"
fi

revision=$(git rev-parse --short "$baseline")
baseline_jar="$work/mixrec-$revision.jar"
if [ ! -f "$baseline_jar" ]; then
	source_dir=$(mktemp -d)
	git worktree add --detach "$source_dir" "$revision" >/dev/null
	(cd "$source_dir" && ./mvnw -B -q -DskipTests -Dspring-javaformat.skip=true package)
	cp "$source_dir/target/mixrec.jar" "$baseline_jar"
	git worktree remove --force "$source_dir"
fi

echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)," \
	"java $(java -version 2>&1 | head -1), load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo "data: $data, classic preset, K=32, $iterations iterations, seed 1"

# Prints the ns per rating x cluster x iteration of one fit.
fit() {
	java --add-modules jdk.incubator.vector -Xmx1500m -jar "$1" fit --ratings "$data" --preset classic \
		--clusters 32 --max-iterations "$iterations" --seed 1 2>/dev/null |
		sed -n 's/.* \([0-9.]*\) ns per rating x cluster x iteration.*/\1/p'
}

best_baseline=
best_current=
for round in $(seq 1 "$rounds"); do
	b=$(fit "$baseline_jar")
	c=$(fit target/mixrec.jar)
	echo "round $round: baseline $revision $b ns, this checkout $c ns"
	best_baseline=$(printf '%s\n%s\n' "$b" "${best_baseline:-$b}" | sort -g | head -1)
	best_current=$(printf '%s\n%s\n' "$c" "${best_current:-$c}" | sort -g | head -1)
done
awk -v b="$best_baseline" -v c="$best_current" -v rev="$revision" 'BEGIN {
	printf "best: baseline %s %.3f ns, this checkout %.3f ns per rating x cluster x iteration; speed-up %.2fx\n", rev, b, c, b / c
}'
