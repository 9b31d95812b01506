#!/usr/bin/env bash
# Fails when a tracked C or C++ file differs from what clang-format makes of
# it. Each directory's nearest .clang-format decides the style (Google at the
# top). Fix with:  tools/format_check.sh --fix
set -euo pipefail
cd "$(dirname "$0")/.."

mapfile -t files < <(git ls-files '*.c' '*.cc' '*.h' | grep -Ev '^third_party/|/testdata/')
if [[ ${1:-} == --fix ]]; then
  clang-format -i "${files[@]}"
  exit 0
fi
bad=()
for f in "${files[@]}"; do
  if ! clang-format --dry-run -Werror "$f" >/dev/null 2>&1; then
    bad+=("$f")
  fi
done
if ((${#bad[@]})); then
  printf 'format: not clang-formatted: %s\n' "${bad[@]}"
  echo "format check: FAILED (run tools/format_check.sh --fix)"
  exit 1
fi
echo "format check: ${#files[@]} files clean"
