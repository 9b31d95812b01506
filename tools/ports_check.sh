#!/usr/bin/env bash
# The ports are kernel C against the kernel face only: a file of an
# architecture (arch/<arch>/, the control arch/unported/ included) may
# include the face (<linux/...>, <ub/...>, <asm/...>, <asm-generic/...>)
# and the hook table ("../arch.h"), never a C++ header of the model, and
# never names vzsim::. What a port includes is what the harness of issue 15
# gives a real kernel tree's code, so nothing else may creep in.
# (arch/conformance/ and arch/registry/ are C++ over the ports, not ports.)
set -euo pipefail
cd "$(dirname "$0")/.."

# Prints what is wrong with file $1; returns 1 if anything is.
check_file() {
  local f=$1 ok=0 inc
  while IFS= read -r inc; do
    case $inc in
      '<linux/'* | '<ub/'* | '<asm/'* | '<asm-generic/'*) ;;
      '"../arch.h"' | '"../../arch.h"') ;;
      *) echo "ports: $f includes $inc (only the kernel face and ../arch.h)"
         ok=1 ;;
    esac
  done < <(sed -nE 's/^[[:space:]]*#[[:space:]]*include[[:space:]]*([<"][^>"]*[>"]).*/\1/p' "$f")
  if grep -q 'vzsim::' "$f"; then
    echo "ports: $f names vzsim:: (the model's C++ namespace)"
    ok=1
  fi
  return $ok
}

bad=0
mapfile -t files < <(git ls-files 'arch/*.c' 'arch/*.h' |
  grep -Ev '^arch/(conformance/|registry/|[^/]*\.h$)')
for f in "${files[@]}"; do check_file "$f" || bad=1; done

# The check has teeth: a port file reaching into the model is rejected.
probe=$(mktemp --suffix=.c)
trap 'rm -f "$probe"' EXIT
printf '#include <linux/sched.h>\n#include "kernel/kernel.h"\nint x(void) { return vzsim::y; }\n' >"$probe"
if check_file "$probe" >/dev/null; then
  echo "ports: a file including a model header was accepted"
  bad=1
fi
if ((bad)); then
  echo "ports check: FAILED"
  exit 1
fi
echo "ports check: ${#files[@]} files of the ports include only the kernel face"
