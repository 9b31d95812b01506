#!/usr/bin/env bash
# Runs every benchmark, optimised (-c opt, Google Benchmark built from source
# with the same flags), and prints the table of speed targets:
#   bench/run.sh [OUT_DIR]       (default: bench-results/)
# Raw numbers go to OUT_DIR/<name>_benchmark.json, the table to
# OUT_DIR/report.json. Each benchmark runs 5 times and the table uses the
# medians: the machines are shared and single runs are noisy. Takes about
# five minutes; the 1M-task worlds need about 1 GiB.
set -euo pipefail
cd "$(dirname "$0")/.."
./setup.sh
out=${1:-bench-results}
mkdir -p "$out"
benches=(pid iter ubc irq fork)
bazel build -c opt --ui_event_filters=-info --noshow_progress --show_result=0 \
  $(printf '//bench:%s_benchmark ' "${benches[@]}")
for b in "${benches[@]}"; do
  echo "running ${b}_benchmark ..." >&2
  "bazel-bin/bench/${b}_benchmark" --benchmark_min_time=0.3 \
    --benchmark_repetitions=5 --benchmark_report_aggregates_only=true \
    --benchmark_out="$out/${b}_benchmark.json" --benchmark_out_format=json \
    >"$out/${b}_benchmark.txt" 2>&1
done
echo
echo "Machine: $(nproc) CPUs, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')"
echo
python3 bench/report.py "$out"
