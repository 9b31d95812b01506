#!/usr/bin/env bash
# Builds the libFuzzer targets with clang and runs each one for SECONDS
# (default 60), all at once, each starting from its seed corpus in
# fuzz/corpus/NAME:
#
#   tools/fuzz.sh                 # both, a minute each
#   tools/fuzz.sh 30              # what tools/test.sh runs (VZSIM_FUZZ_SECONDS)
#   tools/fuzz.sh 3600 ops        # an hour of the operation fuzzer
#
# The build is tools/clang_bazel.sh with --config=fuzz: the objects of the
# suite's ASan + UBSan run, so after tools/test.sh it only links (or nothing).
# New interesting inputs go to a scratch directory (the checked-in corpus is
# only read); a crash, a sanitizer report or a model disagreement stops the
# fuzzer, leaves the input in $VZSIM_FUZZ_ARTIFACTS (default
# /tmp/vzsim-fuzz-artifacts/NAME/) and makes this script exit 1. Replay one
# with: <fuzzer binary> FILE (the path is printed). See docs/reliability.md.
set -euo pipefail
cd "$(dirname "$0")/.."
./setup.sh

seconds=${1:-60}
(($# > 0)) && shift
fuzzers=("$@")
((${#fuzzers[@]})) || fuzzers=(scenario ops)

flags=(--config=ci --config=fuzz)
targets=()
for f in "${fuzzers[@]}"; do targets+=("//fuzz:${f}_fuzzer"); done
# (gold's "Cannot export local symbol '__asan_...'" warnings are noise.)
tools/clang_bazel.sh build "${flags[@]}" "${targets[@]}" 2>&1 |
  { grep -v "Cannot export local symbol" || true; }
bin_dir=$(tools/clang_bazel.sh info "${flags[@]}" bazel-bin 2>/dev/null)

# One fuzzer per core: started together, reported in order.
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
pids=()
for f in "${fuzzers[@]}"; do
  artifacts="${VZSIM_FUZZ_ARTIFACTS:-/tmp/vzsim-fuzz-artifacts}/$f"
  mkdir -p "$artifacts" "$scratch/$f"
  echo "--- fuzz $f for ${seconds}s ---"
  "$bin_dir/fuzz/${f}_fuzzer" -max_total_time="$seconds" -timeout=30 \
    -rss_limit_mb=4096 -max_len=4096 -print_final_stats=1 \
    -artifact_prefix="$artifacts/" "$scratch/$f" "fuzz/corpus/$f" \
    >"$scratch/$f.log" 2>&1 &
  pids+=($!)
done

status=0
for i in "${!fuzzers[@]}"; do
  f=${fuzzers[$i]}
  artifacts="${VZSIM_FUZZ_ARTIFACTS:-/tmp/vzsim-fuzz-artifacts}/$f"
  if wait "${pids[$i]}"; then
    grep -E '^stat::number_of_executed_units|^stat::new_units_added' "$scratch/$f.log" |
      sed "s/^/$f: /"
    echo "--- fuzz $f: clean ---"
  else
    tail -n 60 "$scratch/$f.log"
    echo "--- fuzz $f: FAILED (input in $artifacts/, replay: $bin_dir/fuzz/${f}_fuzzer FILE) ---"
    status=1
  fi
done
tools/clang_bazel.sh shutdown >/dev/null 2>&1 || true
exit "$status"
