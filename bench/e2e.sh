#!/usr/bin/env bash
# The whole bot under offered chat load, next to raw Kafka latency; writes bench/results/e2e.json and e2e-latency.png.
# Usage: bench/e2e.sh [seconds per rate=20] [clients=50] [rates=250,500,1000,2000]
exec "$(dirname "$0")/run-java.sh" devstack-cli dev.servicebot.cli.bench.EndToEndBenchmark "${1:-20}" "${2:-50}" "${3:-250,500,1000,2000}"
