#!/usr/bin/env bash
# The whole test suite, as README.md's second command and CI run it:
#   tools/test.sh
# Installs what is missing (./setup.sh, quiet once done), then runs every
# test three times: plain, under AddressSanitizer + UBSan (--config=asan) and
# under ThreadSanitizer (--config=tsan). The property test runs 1M random
# operations plain and 200K under each sanitizer. Then clang's
# -Wthread-safety check of the lock annotations, and a minute of each
# libFuzzer target (tools/fuzz.sh; VZSIM_FUZZ_SECONDS changes the minute).
# Ends with one line "N passed, N failed" counting the GoogleTest cases of
# all three runs. Exit status 0 only if everything passed.
#
# Extra arguments go to every `bazel test` (e.g. tools/test.sh //pid/...).
set -uo pipefail
cd "$(dirname "$0")/.."
./setup.sh || exit 1

targets=("$@")
((${#targets[@]})) || targets=(//...)
disk_cache="$HOME/.cache/vzsim-bazel-disk"
common=(--config=ci "--disk_cache=$disk_cache")
# Tests that read the real kernel (//tools/portcheck:reference_test) run
# where the reference sits beside the checkout, as in CI; elsewhere they skip.
[[ -d ../shared/reference ]] &&
  common+=("--test_env=VZSIM_REFERENCE=$(realpath ../shared/reference)")

status=0
total_passed=0
total_failed=0
for config in plain asan tsan; do
  flags=("${common[@]}")
  # The property test runs 1,000,000 operations in the plain run and 200,000
  # under each sanitizer (which is 5 to 20 times slower).
  [[ $config != plain ]] && flags+=("--config=$config" "--test_env=VZSIM_PROPERTY_OPS=5000")
  echo "--- bazel test ($config) ---"
  bazel test "${flags[@]}" "${targets[@]}" || status=1
  read -r passed _ failed _ < <(tools/test_summary.sh | tr -d ',')
  echo "--- $config: $passed test cases passed, $failed failed ---"
  total_passed=$((total_passed + passed))
  total_failed=$((total_failed + failed))
done

echo "--- clang-format ---"
tools/format_check.sh || status=1

echo "--- clang -Wthread-safety ---"
tools/thread_safety_check.sh || status=1

echo "--- docs/errors.md against its tests ---"
tools/errors_table_check.sh || status=1

echo "--- docs against their sources ---"
tools/docs_check.sh || status=1

echo "--- layering (tools/layering/tiers.txt) ---"
tools/layering_check.sh || status=1

# Only for the whole suite: a run of some targets skips the fuzzers.
if ((${#@} == 0)); then
  echo "--- libFuzzer, ${VZSIM_FUZZ_SECONDS:-60}s per target ---"
  tools/fuzz.sh "${VZSIM_FUZZ_SECONDS:-60}" || status=1
fi

bazel shutdown >/dev/null 2>&1 || true
echo "$total_passed passed, $total_failed failed"
exit "$status"
