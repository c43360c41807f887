#!/usr/bin/env bash
# Processor vs passthrough topologies on the devstack broker; writes bench/results/processor.json.
# Usage: bench/processor.sh [messages=30000] [runs=3]
# BENCH_STREAMS_PROPS="key=value,..." adds Kafka Streams settings to every topology (for experiments).
# Runs in a plain JVM: exec:java would share the cores with a busy Maven thread.
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q -DskipTests install -pl processor -am
mvn -B -q -pl processor dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/bench.classpath
java -cp "processor/target/test-classes:processor/target/classes:$(cat processor/target/bench.classpath)" \
  -Dbench.results="$PWD/bench/results" \
  dev.servicebot.processor.bench.ProcessorBenchmark "${1:-30000}" "${2:-3}" 2>&1 \
  | grep -vE 'ReplicaManager|OutOfOrderSequenceException|^\s+at |^$'
