#!/usr/bin/env bash
# Compiles the library sources with clang's -Wthread-safety as errors, so the
# lock annotations (ABSL_GUARDED_BY, ABSL_SHARED_LOCKS_REQUIRED, the
# tasklist_lock token of pid/tasklist_lock.h) are checked, not just written.
# gcc ignores them, so Bazel's build alone would never notice a broken one.
#
# The kernel-style C files get the same check, against the kernel face
# (include/), whose lock and walk functions carry the same annotations.
#
# It also proves the check has teeth: a snippet that walks the task list
# without read_lock(&tasklist_lock) must be rejected, in C++ and in C.
set -euo pipefail
cd "$(dirname "$0")/.."

flags=(-std=c++17 -fsyntax-only -Wthread-safety -Werror=thread-safety
       -I. -Ithird_party/abseil-cpp -Wno-unknown-warning-option)

mapfile -t sources < <(git ls-files '*.cc' | grep -Ev '(_test|_benchmark)\.cc$' |
                       grep -Ev '^(third_party|tools/tsan_defaults)')
failed=0
# One clang per core; each file's errors kept apart and printed in order.
# A file whose preprocessed text (itself and every header it includes) was
# found clean before, by the same clang with the same flags, is not checked
# again: preprocessing costs a sixth of the analysis. The cache only records
# successes, so a failure is always reported.
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cache=${XDG_CACHE_HOME:-$HOME/.cache}/vzsim-thread-safety
mkdir -p "$cache"
export TSA_FLAGS="${flags[*]}" TSA_TMP="$tmp" TSA_CACHE="$cache"
TSA_ID="$(clang++ --version | head -1) ${flags[*]}"
export TSA_ID
printf '%s\0' "${sources[@]}" | xargs -0 -P "$(nproc)" -n 1 sh -c '
  key=$({ echo "$TSA_ID"; clang++ $TSA_FLAGS -E "$1" 2>/dev/null; } | sha256sum | cut -c1-64)
  [ -e "$TSA_CACHE/$key" ] && exit 0
  if clang++ $TSA_FLAGS "$1" 2>"$TSA_TMP/$(echo "$1" | tr / _).err"; then
    touch "$TSA_CACHE/$key"
  else
    echo "$1" >>"$TSA_TMP/failed"
  fi' sh
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

# Kernel-style C against the face: clean, and an unlocked walk rejected too.
# A port's files are built as kernel_c_library() builds them: its own
# <asm/...> headers first, its kbuild.h read first, CONFIG_VE but for the
# vanilla control architecture (arch/unported/<arch>/..., against <arch>'s
# headers).
c_flags=(-std=gnu89 -nostdinc -ffreestanding -fsyntax-only -Iinclude
         -Wthread-safety -Werror=thread-safety)
arch_flags() {
  local src=$1 arch
  case $src in
    arch/unported/*)
      arch=$(echo "$src" | cut -d/ -f3)
      [[ -d arch/$arch/include ]] && echo "-Iarch/$arch/include"
      echo "-include arch/unported/kbuild.h" ;;
    arch/*/*)
      arch=$(echo "$src" | cut -d/ -f2)
      [[ -d arch/$arch/include ]] && echo "-Iarch/$arch/include"
      [[ -f arch/$arch/kbuild.h ]] && echo "-include arch/$arch/kbuild.h"
      echo "-DCONFIG_VE" ;;
    *) echo "-DCONFIG_VE" ;;
  esac
}
mapfile -t c_sources < <(git ls-files '*.c' | grep -v '/testdata/')
for src in "${c_sources[@]}"; do
  # shellcheck disable=SC2046
  if ! clang $(arch_flags "$src") "${c_flags[@]}" "$src" 2>/tmp/vzsim-tsa.$$; then
    echo "thread-safety: $src"
    cat /tmp/vzsim-tsa.$$
    failed=1
  fi
done
rm -f /tmp/vzsim-tsa.$$
unlocked_c=$(mktemp --suffix=.c)
trap 'rm -f "$unlocked" "$unlocked_c"' EXIT
cat >"$unlocked_c" <<'C'
#include <linux/sched.h>
int count_without_the_lock(void)
{
	struct task_struct *p;
	int n = 0;

	for_each_process_ve(p)
		n++;
	return n;
}
C
if clang -DCONFIG_VE "${c_flags[@]}" "$unlocked_c" 2>/dev/null; then
  echo "thread-safety: a C walk without read_lock(&tasklist_lock) was accepted"
  failed=1
fi

if ((failed)); then
  echo "thread-safety check: FAILED"
  exit 1
fi
echo "thread-safety check: ${#sources[@]} C++ and ${#c_sources[@]} C files clean," \
  "unlocked walks rejected"
