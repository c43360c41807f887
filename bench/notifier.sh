#!/usr/bin/env bash
# Notifier deliveries to WebSocket clients over two real gateways. Usage: bench/notifier.sh [replies=10000] [clients=50] [runs=3]
exec "$(dirname "$0")/run-java.sh" notifier dev.servicebot.notifier.bench.NotifierBenchmark "${1:-10000}" "${2:-50}" "${3:-3}"
