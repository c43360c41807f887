#!/usr/bin/env bash
# Understanding cost per message, then the processor (1 and 2 stream threads) vs passthrough topologies on the
# devstack broker; writes bench/results/processor.json.
# Usage: bench/processor.sh [messages=10000] [runs=3]
# BENCH_STREAMS_PROPS="key=value,..." adds Kafka Streams settings to every topology (for experiments).
exec "$(dirname "$0")/run-java.sh" processor dev.servicebot.processor.bench.ProcessorBenchmark "${1:-10000}" "${2:-3}"
