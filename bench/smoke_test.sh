#!/usr/bin/env bash
# Runs each benchmark binary once, at its smallest size and for a token time,
# so that CI keeps them building and running. It asserts nothing about
# speed: benchmarks are not tests.
set -euo pipefail
export VZSIM_BENCH_SMOKE=1
for bin in "$@"; do
  "$bin" --benchmark_min_time=0.001 >/dev/null
  echo "ran $(basename "$bin")"
done
