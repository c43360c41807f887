#!/usr/bin/env bash
# Gateway (M WebSocket clients, fixed offered rate) vs a plain Kafka producer on the same broker.
# Usage: bench/gateway.sh [rate=1000] [seconds=10] [clients=50] [runs=3]; writes bench/results/gateway.json.
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q -DskipTests install -pl ingest-gateway -am
mvn -B -q -pl ingest-gateway dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/bench.classpath
java -cp "ingest-gateway/target/test-classes:ingest-gateway/target/classes:$(cat ingest-gateway/target/bench.classpath)" \
  -Dbench.results="$PWD/bench/results" \
  dev.servicebot.gateway.bench.GatewayBenchmark "${1:-1000}" "${2:-10}" "${3:-50}" "${4:-3}" 2>&1 \
  | grep -vE 'ReplicaManager|OutOfOrderSequenceException|^\s+at |^$| INFO '
