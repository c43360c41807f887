#!/usr/bin/env bash
# The fault suite: the compose topology as OS processes (ProcessStack), chat-page-like clients, a kill -9 of
# each component restarted after 5 s, a rolling restart and a kill of one of two processors; counts from the
# topics, the messages table and the clients. Writes bench/results/faults.json and faults.md.
# Usage: bench/faults.sh [clients=20] [messages per second=50] [seconds before the fault=15] [seconds after=30] [only: e.g. gateway-a,sink or rolling,kill-one]
exec "$(dirname "$0")/run-java.sh" devstack-cli dev.servicebot.cli.bench.FaultSuiteBenchmark "${1:-20}" "${2:-50}" "${3:-15}" "${4:-30}" ${5:+"$5"}
