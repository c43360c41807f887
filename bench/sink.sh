#!/usr/bin/env bash
# sink-dynamo vs a plain BatchWriteItem loop into dynalite. Usage: bench/sink.sh [items=20000] [runs=3]
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q -DskipTests install -pl sink-dynamo -am
mvn -B -q -pl sink-dynamo dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/bench.classpath
java -cp "sink-dynamo/target/test-classes:sink-dynamo/target/classes:$(cat sink-dynamo/target/bench.classpath)" \
  -Dbench.results="$PWD/bench/results" \
  dev.servicebot.sink.bench.SinkBenchmark "${1:-20000}" "${2:-3}" 2>&1 \
  | grep -vE 'ReplicaManager|OutOfOrderSequenceException|^\s+at |^$| INFO '
