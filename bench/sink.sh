#!/usr/bin/env bash
# sink-dynamo vs a plain BatchWriteItem loop into dynalite. Usage: bench/sink.sh [items=20000] [runs=3]
exec "$(dirname "$0")/run-java.sh" sink-dynamo dev.servicebot.sink.bench.SinkBenchmark "${1:-20000}" "${2:-3}"
