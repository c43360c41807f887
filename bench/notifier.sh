#!/usr/bin/env bash
# Notifier deliveries to WebSocket clients over two real gateways. Usage: bench/notifier.sh [replies=10000] [clients=50] [runs=3]
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q -DskipTests install -pl notifier -am
mvn -B -q -pl notifier dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/bench.classpath
java -cp "notifier/target/test-classes:notifier/target/classes:$(cat notifier/target/bench.classpath)" \
  -Dbench.results="$PWD/bench/results" \
  dev.servicebot.notifier.bench.NotifierBenchmark "${1:-10000}" "${2:-50}" "${3:-3}" 2>&1 \
  | grep -vE 'ReplicaManager|OutOfOrderSequenceException|^\s+at |^$| INFO '
