#!/usr/bin/env bash
# Installs the root build's engine jar (target/mixrec-engine.jar, made by ./mvnw package
# or verify at the root) into the local Maven repository as io.mixrec:mixrec-engine, the
# dependency of the Spark build in spark/. Run from anywhere.
set -euo pipefail
cd "$(dirname "$0")/.."
jar=target/mixrec-engine.jar
if [[ ! -f "$jar" ]]; then
  echo "$jar does not exist: build the root first (./mvnw -B -DskipTests package)" >&2
  exit 1
fi
version=$(sed -n 's:^\t<version>\(.*\)</version>$:\1:p' pom.xml | head -1)
./mvnw -B -q install:install-file -Dfile="$jar" -DgroupId=io.mixrec -DartifactId=mixrec-engine \
  -Dversion="$version" -Dpackaging=jar -DgeneratePom=true
echo "installed $jar as io.mixrec:mixrec-engine:$version"
