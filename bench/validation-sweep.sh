#!/usr/bin/env bash
# How the ensemble's defaults were chosen: variants scored on validation splits carved from
# MovieLens 100K's u1.base and u2.base (never on the test files), averaged over folds and
# SEEDS master seeds (io.mixrec.em.eval.ValidationSweep). Not part of CI.
#
#   bench/validation-sweep.sh                                   # the comparisons in README
#   bench/validation-sweep.sh default default,alpha=1 auto      # any variants
#
# Environment: DATA (default ../shared/data/ml-100k), SEEDS (default 3).
set -euo pipefail
cd "$(dirname "$0")/.."
DATA=${DATA:-../shared/data/ml-100k}
[[ -f "$DATA/u1.base" ]] || { echo "no $DATA/u1.base (set DATA)" >&2; exit 1; }
if [[ $# -eq 0 ]]; then
  set -- auto default default,alpha=1 default,tauA=1 default,tauA=0.2 default,like=3 default,like=3.25 default,like=3.75 \
    default,C=24x1 default,C=24x2 default,C=16x4 default,C=48x4 default,itC=30/0 default,lamA=8 default,B=0x1
fi
./mvnw -B -q -DskipTests -Dspring-javaformat.skip=true test-compile
classpath=$(./mvnw -B -q dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=/dev/stdout)
exec java --add-modules jdk.incubator.vector -Ddata="$DATA" -Dseeds="${SEEDS:-3}" \
  -cp "target/test-classes:target/classes:$classpath" io.mixrec.em.eval.ValidationSweep "$@"
