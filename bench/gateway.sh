#!/usr/bin/env bash
# Gateway (M WebSocket clients, fixed offered rate) vs a plain Kafka producer on the same broker.
# Usage: bench/gateway.sh [rate=1000] [seconds=10] [clients=50] [runs=3]; writes bench/results/gateway.json.
exec "$(dirname "$0")/run-java.sh" ingest-gateway dev.servicebot.gateway.bench.GatewayBenchmark "${1:-1000}" "${2:-10}" "${3:-50}" "${4:-3}"
