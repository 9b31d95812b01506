#!/usr/bin/env bash
# Runs the benchmarks optimised (-c opt, Google Benchmark built from source
# with the same flags), prints the three-way table and the speed targets,
# and draws the growth curves:
#   bench/run.sh [--publish] [OUT_DIR]      (default OUT_DIR: bench-results/)
# Raw numbers go to OUT_DIR/*_benchmark.json, the tables to OUT_DIR/report.md
# and report.json, the plots to docs/bench-*.svg. --publish also puts the
# tables, with the machine, compiler, load, command and date, into
# docs/benchmarks.md (between its "results" markers): the one command to
# re-run on a quiet machine. Each benchmark runs VZSIM_BENCH_REPS times
# (default 5), paired (bench/layout_benchmark.cc). About 12 minutes on 2
# busy cores (load 7), less on a quiet machine; VZSIM_BENCH_REPS=3 saves
# about a quarter (the worlds' construction is a fixed 4 to 5 minutes). The
# 1M-task worlds of the kernel layout need about 5 GiB.
set -euo pipefail
cd "$(dirname "$0")/.."
start=$SECONDS
publish=0
if [[ ${1:-} == --publish ]]; then
  publish=1
  shift
fi
out=${1:-bench-results}
./setup.sh
# The plots: Debian's matplotlib, installed once (never pip), for Debian's
# python (/usr/bin/python3: a python3 earlier on PATH may not see it).
py=/usr/bin/python3
if ! "$py" -c 'import matplotlib' 2>/dev/null; then
  echo "installing python3-matplotlib ..." >&2
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
    --no-install-recommends python3-matplotlib >/dev/null
fi
mkdir -p "$out"
bazel build -c opt --ui_event_filters=-info --noshow_progress --show_result=0 \
  //bench:layout_benchmark //bench:ubc_benchmark //bench:irq_benchmark
reps=${VZSIM_BENCH_REPS:-5}
{
  echo "machine: $(nproc) CPUs, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(free -g | awk '/^Mem:/ {print $2}') GiB"
  echo "os: $(. /etc/os-release && echo "$PRETTY_NAME")"
  echo "compiler: $(gcc --version | head -1), bazel -c opt"
  echo "command: bench/run.sh $*, $reps repetitions"
  echo "date: $(date -u '+%Y-%m-%d %H:%M UTC')"
  echo "load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
} >"$out/machine.txt"
echo "running layout_benchmark ($reps paired repetitions) ..." >&2
VZSIM_BENCH_REPS=$reps bazel-bin/bench/layout_benchmark \
  --benchmark_min_time=0.1 \
  --benchmark_out="$out/layout_benchmark.json" --benchmark_out_format=json \
  >"$out/layout_benchmark.txt" 2>&1
for b in ubc irq; do
  echo "running ${b}_benchmark ..." >&2
  "bazel-bin/bench/${b}_benchmark" --benchmark_min_time=0.3 \
    --benchmark_repetitions="$reps" --benchmark_enable_random_interleaving \
    --benchmark_out="$out/${b}_benchmark.json" --benchmark_out_format=json \
    >"$out/${b}_benchmark.txt" 2>&1
done
echo "load average at end: $(cut -d' ' -f1-3 /proc/loadavg)" >>"$out/machine.txt"
echo "took: $(((SECONDS - start) / 60)) min $(((SECONDS - start) % 60)) s" \
  >>"$out/machine.txt"
echo
cat "$out/machine.txt"
echo
"$py" bench/report.py "$out"
"$py" bench/plot.py "$out" docs
echo "plots: docs/bench-*.svg" >&2
if [[ $publish == 1 ]]; then
  "$py" bench/publish.py "$out" docs/benchmarks.md
  echo "published into docs/benchmarks.md" >&2
fi
