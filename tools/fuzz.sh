#!/usr/bin/env bash
# Builds the libFuzzer targets with clang and runs each one for SECONDS
# (default 60), starting from its seed corpus in fuzz/corpus/NAME:
#
#   tools/fuzz.sh                 # both, a minute each (what CI runs)
#   tools/fuzz.sh 3600 ops        # an hour of the operation fuzzer
#
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

# clang, in an output base of its own: the gcc build's cache stays intact,
# and no bazel-* symlinks are moved.
bazel_clang() {
  CC=clang CXX=clang++ bazel --output_base="$HOME/.cache/vzsim-fuzz-bazel" "$@"
}
flags=(--config=ci --config=fuzz --symlink_prefix=/
       "--disk_cache=$HOME/.cache/vzsim-bazel-disk")
targets=()
for f in "${fuzzers[@]}"; do targets+=("//fuzz:${f}_fuzzer"); done
# (gold's "Cannot export local symbol '__asan_...'" warnings are noise.)
bazel_clang build "${flags[@]}" "${targets[@]}" 2>&1 |
  { grep -v "Cannot export local symbol" || true; }
bin_dir=$(bazel_clang info "${flags[@]}" bazel-bin 2>/dev/null)

status=0
for f in "${fuzzers[@]}"; do
  scratch=$(mktemp -d)
  artifacts="${VZSIM_FUZZ_ARTIFACTS:-/tmp/vzsim-fuzz-artifacts}/$f"
  mkdir -p "$artifacts"
  echo "--- fuzz $f for ${seconds}s ---"
  if "$bin_dir/fuzz/${f}_fuzzer" -max_total_time="$seconds" -timeout=30 \
      -rss_limit_mb=4096 -max_len=4096 -print_final_stats=1 \
      -artifact_prefix="$artifacts/" "$scratch" "fuzz/corpus/$f" \
      >"$scratch.log" 2>&1; then
    grep -E '^stat::number_of_executed_units|^stat::new_units_added' "$scratch.log" |
      sed "s/^/$f: /"
    echo "--- fuzz $f: clean ---"
  else
    tail -n 60 "$scratch.log"
    echo "--- fuzz $f: FAILED (input in $artifacts/, replay: $bin_dir/fuzz/${f}_fuzzer FILE) ---"
    status=1
  fi
  rm -rf "$scratch" "$scratch.log"
done
bazel_clang shutdown >/dev/null 2>&1 || true
exit "$status"
