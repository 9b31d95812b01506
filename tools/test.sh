#!/usr/bin/env bash
# The test suite, in two sizes (docs/testing.md: what each runs and costs):
#
#   tools/test.sh          the full suite: the README's test command, and CI's
#   tools/test.sh --fast   after each change: the plain run and the checks
#
# Both first run ./setup.sh (quiet once everything is installed), then:
#   plain   bazel test //... with gcc: every test; the benchmarks built and
#           run once each; the property test's 1,000,000 operations
#   checks  clang-format, clang -Wthread-safety, the docs against their
#           sources, the layering, docs/errors.md against its tests
# The full suite goes on with:
#   asan    every test but the benchmarks under ASan + UBSan, built by clang
#           with libFuzzer's instrumentation (--config=fuzz, in
#           tools/clang_bazel.sh's output base); property test 100,000 ops
#   fuzz    each libFuzzer target for VZSIM_FUZZ_SECONDS (default 30), all at
#           once, linked from the asan objects (tools/fuzz.sh)
#   tsan    every test but the benchmarks and portcheck's (no threads, no
#           locks) under ThreadSanitizer (gcc); the multi-threaded property
#           test in full, the single-threaded one 40,000 operations (TSan's
#           lock-order checks need no more)
# Ends with one line "N passed, N failed" counting the GoogleTest cases of
# all runs, and the time each step took. Exit status 0 only if all passed.
#
# Arguments after the mode are targets for the bazel test runs instead of
# //... (e.g. tools/test.sh --fast //pid/...); the fuzzers then do not run.
set -uo pipefail
cd "$(dirname "$0")/.."
./setup.sh || exit 1

fast=0
if [[ ${1:-} == --fast ]]; then
  fast=1
  shift
fi
targets=("$@")
sanitizer_targets=("$@")
if ((${#targets[@]} == 0)); then
  targets=(//...)
  # Every top-level package but bench/: the benchmarks are built and
  # smoke-run in the plain run only (under a sanitizer they would only
  # rebuild Google Benchmark). Named one by one rather than as //... minus
  # //bench/...: the clang server would walk into gcc's bazel-* symlinks.
  mapfile -t sanitizer_targets < <(git ls-files '*BUILD.bazel' | grep / |
    cut -d/ -f1 | sort -u | grep -vxE 'third_party|bench' | sed 's|.*|//&/...|')
fi
flags=(--config=ci)
# Tests that read the real kernel (//tools/portcheck:reference_test) and
# tools/own_words_check.sh run where the reference sits beside the
# checkout, as in CI; elsewhere they skip.
reference=
[[ -d ../shared/reference ]] && reference=$(realpath ../shared/reference)
[[ -n $reference ]] && flags+=("--test_env=VZSIM_REFERENCE=$reference")
# The property test's operations per seed (40 seeds): 25,000 plain (its
# default, 1M operations), fewer where each costs 5 to 20 times more.
asan_ops=2500
tsan_ops=1000

status=0
total_passed=0
total_failed=0
steps=()
step_start=$SECONDS
# end_step NAME: records how long the step since the last one took.
end_step() {
  local took=$((SECONDS - step_start))
  steps+=("$(printf '%-8s %3dm%02ds' "$1" $((took / 60)) $((took % 60)))")
  step_start=$SECONDS
}
# count NAME TESTLOGS: adds the GoogleTest cases of a run to the totals.
count() {
  local passed failed
  read -r passed _ failed _ < <(tools/test_summary.sh "$2" | tr -d ',')
  echo "--- $1: $passed test cases passed, $failed failed ---"
  total_passed=$((total_passed + passed))
  total_failed=$((total_failed + failed))
}

echo "--- bazel test (plain, gcc) ---"
bazel test "${flags[@]}" "${targets[@]}" || status=1
count plain bazel-testlogs
end_step plain

echo "--- checks ---"
tools/format_check.sh || status=1
tools/thread_safety_check.sh || status=1
tools/docs_check.sh || status=1
tools/own_words_check.sh "$reference" || status=1
tools/layering_check.sh || status=1
tools/ports_check.sh || status=1
tools/errors_table_check.sh || status=1
end_step checks

if ((!fast)); then
  echo "--- bazel test (asan: ASan + UBSan, clang, fuzz-instrumented) ---"
  clang=("${flags[@]}" --config=fuzz "--test_env=VZSIM_PROPERTY_OPS=$asan_ops")
  # (gold's "Cannot export local symbol '__asan_...'" warnings are noise.)
  tools/clang_bazel.sh test "${clang[@]}" -- "${sanitizer_targets[@]}" 2>&1 |
    { grep -v "Cannot export local symbol" || true; }
  ((PIPESTATUS[0] == 0)) || status=1
  count asan "$(tools/clang_bazel.sh info "${clang[@]}" bazel-testlogs 2>/dev/null)"
  end_step asan

  if (($# == 0)); then
    echo "--- libFuzzer, ${VZSIM_FUZZ_SECONDS:-30}s per target ---"
    tools/fuzz.sh "${VZSIM_FUZZ_SECONDS:-30}" || status=1
    end_step fuzz
  fi

  echo "--- bazel test (tsan: ThreadSanitizer, gcc) ---"
  # TSan reports data races and lock-order inversions, so it has nothing to
  # find in code that neither runs threads nor takes a lock: portcheck's
  # scanner (its tests stay in the plain and asan runs).
  tsan_targets=("${sanitizer_targets[@]}")
  (($# == 0)) && tsan_targets+=(-//tools/portcheck/...)
  bazel test "${flags[@]}" --config=tsan "--test_env=VZSIM_PROPERTY_OPS=$tsan_ops" \
    -- "${tsan_targets[@]}" || status=1
  count tsan bazel-testlogs
  end_step tsan
fi

bazel shutdown >/dev/null 2>&1 || true
tools/clang_bazel.sh shutdown >/dev/null 2>&1 || true
echo "--- time per step ---"
printf '  %s\n' "${steps[@]}"
echo "$total_passed passed, $total_failed failed"
exit "$status"
