#!/usr/bin/env bash
# Runs each benchmark binary once, at its smallest size and for a token time,
# so that CI keeps them building and running, and turns the output into the
# report (bench/report.py) so that it cannot rot either. It asserts nothing
# about speed: benchmarks are not tests.
#   smoke_test.sh REPORT_PY BENCHMARK...
set -euo pipefail
export VZSIM_BENCH_SMOKE=1
report=$1
shift
out=${TEST_TMPDIR:-$(mktemp -d)}
for bin in "$@"; do
  name=$(basename "$bin")
  "$bin" --benchmark_min_time=0.001 --benchmark_out="$out/$name.json" \
    --benchmark_out_format=json >/dev/null
  echo "ran $name"
done
python3 "$report" "$out" >"$out/report.txt"
grep -q "find_task_by_pid_all" "$out/report.txt"
echo "report ok"
