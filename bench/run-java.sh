#!/usr/bin/env bash
# Builds MODULE and runs one benchmark class of its test sources in a plain JVM (exec:java would share
# the cores with a busy Maven thread). Usage: bench/run-java.sh MODULE CLASS [args...]
set -euo pipefail
cd "$(dirname "$0")/.."
module="$1"; shift
main="$1"; shift
mvn -B -q -DskipTests install -pl "$module" -am
mvn -B -q -pl "$module" dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/bench.classpath
java ${BENCH_JAVA_OPTS:-} -cp "$module/target/test-classes:$module/target/classes:$(cat "$module/target/bench.classpath")" \
  -Dbench.results="$PWD/bench/results" "$main" "$@" 2>&1 \
  | grep -vE 'ReplicaManager|OutOfOrderSequenceException|^\s+at |^$| INFO '
