#!/usr/bin/env bash
# Compiles the library sources with clang's -Wthread-safety as errors, so the
# lock annotations (ABSL_GUARDED_BY, ABSL_SHARED_LOCKS_REQUIRED, the
# tasklist_lock token of pid/tasklist_lock.h) are checked, not just written.
# gcc ignores them, so Bazel's build alone would never notice a broken one.
#
# It also proves the check has teeth: a snippet that walks the task list
# without read_lock(&tasklist_lock) must be rejected.
set -euo pipefail
cd "$(dirname "$0")/.."

flags=(-std=c++17 -fsyntax-only -Wthread-safety -Werror=thread-safety
       -I. -Ithird_party/abseil-cpp -Wno-unknown-warning-option)

mapfile -t sources < <(git ls-files '*.cc' | grep -Ev '(_test|_benchmark)\.cc$' |
                       grep -Ev '^(third_party|tools/tsan_defaults)')
failed=0
# One clang per core; each file's errors kept apart and printed in order.
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export TSA_FLAGS="${flags[*]}" TSA_TMP="$tmp"
printf '%s\0' "${sources[@]}" | xargs -0 -P "$(nproc)" -n 1 sh -c \
  'clang++ $TSA_FLAGS "$1" 2>"$TSA_TMP/$(echo "$1" | tr / _).err" ||
   echo "$1" >>"$TSA_TMP/failed"' sh
if [[ -s $tmp/failed ]]; then
  while read -r src; do
    echo "thread-safety: $src"
    cat "$tmp/$(echo "$src" | tr / _).err"
  done < <(sort "$tmp/failed")
  failed=1
fi

# The negative control: iteration without the task-list lock.
unlocked=$tmp/unlocked.cc
cat >"$unlocked" <<'CC'
#include "pid/pid.h"
int CountWithoutTheLock() {
  int n = 0;
  task_struct* p;
  for_each_process_ve(p) ++n;
  return n + (find_task_by_pid_ve(1) != nullptr);
}
CC
if clang++ "${flags[@]}" "$unlocked" 2>/dev/null; then
  echo "thread-safety: a walk without read_lock(&tasklist_lock) was accepted"
  failed=1
fi

if ((failed)); then
  echo "thread-safety check: FAILED"
  exit 1
fi
echo "thread-safety check: ${#sources[@]} files clean, unlocked walk rejected"
