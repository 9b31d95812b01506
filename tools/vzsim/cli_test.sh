#!/usr/bin/env bash
# The vzsim binary as a user runs it: exit statuses and messages of each
# subcommand, good and bad input.
set -uo pipefail
vzsim=$1
examples=$2
portcheck_data=$3
failures=0

expect() {  # expect <want-status> <grep-pattern> <args...>
  local want=$1 pattern=$2
  shift 2
  local out status
  out=$("$vzsim" "$@" 2>&1)
  status=$?
  if [[ $status -ne $want ]] || ! grep -q -- "$pattern" <<<"$out"; then
    echo "FAIL: vzsim $* -> status $status (want $want), output:"
    echo "$out" | head -5
    failures=$((failures + 1))
  else
    echo "ok: vzsim $*"
  fi
}

expect 0 "== The host and two containers ==" demo
expect 2 "takes no arguments" demo extra
expect 0 "usage: vzsim demo" demo --help
expect 0 "R10  exports" rules
expect 0 "<!-- /catalog:R10 -->" rules --markdown
expect 2 "takes no arguments" rules --frob
expect 0 "10 of 10 rules pass" check --arch sparc64
expect 0 "10 of 10 rules pass" check --arch=ia64
expect 1 "0 of 10 rules pass; 10 to fix" check --arch unported
expect 2 "no architecture named 'alpha'" check --arch alpha
expect 2 "give --arch NAME" check
expect 0 "40 of 40 cells green" check --mutants
expect 2 "unexpected argument" check --bogus
expect 0 "usage: vzsim check" check --help
expect 0 "usage: vzsim harness" harness --help
expect 2 "usage: vzsim harness" harness --arch i386
expect 2 "is not a directory" harness --arch i386 /nonexistent/tree
expect 2 "holds no arch/alpha" harness --arch alpha "$examples"
expect 2 "unexpected argument" harness --arch i386 --frob /tmp
expect 0 "expect vpid web = 1027" run "$examples/two_containers.vzs"
expect 2 "cannot read" run /nonexistent/file.vzs
expect 2 "takes one argument" run
expect 0 "usage: vzsim run" run --help
expect 2 "unknown command 'frobnicate'" frobnicate
expect 0 "usage: vzsim" --help
expect 2 "usage: vzsim"

expect 1 "R3  error arch_ptrace(): find_task_by_pid()" portcheck "$portcheck_data/vanilla_arch"
expect 0 "note(s)" portcheck "$portcheck_data/ported_arch"
expect 1 '"rule": "R7"' portcheck --json "$portcheck_data/vanilla_arch"
expect 1 "Total: 5 site(s) (3 error(s), 2 note(s)) in 3 architecture(s)" portcheck "$portcheck_data/kernel_tree"
expect 1 '"version": "2.1.0"' portcheck --format=sarif "$portcheck_data/vanilla_arch"
expect 1 "R3  error arch_ptrace()" portcheck --patch "$portcheck_data/ptrace_lookup.diff" "$portcheck_data/vanilla_arch"
expect 0 "0 site(s) in 0 file(s)" portcheck --patch="$portcheck_data/demo_port.diff" "$portcheck_data/ported_arch"
expect 2 "unknown format 'xml'" portcheck --format=xml "$portcheck_data/vanilla_arch"
expect 2 "cannot read '/no/such.diff'" portcheck --patch /no/such.diff "$portcheck_data/vanilla_arch"
expect 2 "not a unified diff" portcheck --patch "$portcheck_data/vanilla_arch/mm/init.c" "$portcheck_data/vanilla_arch"
expect 2 "no such file or directory" portcheck /no/such/arch
expect 2 "give at least one PATH" portcheck
expect 2 "unknown option" portcheck --frob x
expect 0 "usage: vzsim portcheck" portcheck --help

bad=$(mktemp)
printf 'fork a\nfork b from nobody\n' >"$bad"
expect 2 ":2: no task named 'nobody'" run "$bad"
printf 'fork a\nexpect pid a = 9\n' >"$bad"
expect 1 ":2: expected 9, got 2" run "$bad"
rm -f "$bad"

# --layout: the kernel's pid hashes and lists give the very same output.
expect 0 "== The host and two containers ==" demo --layout=kernel
expect 0 "10 of 10 rules pass" --layout kernel check --arch sparc64
expect 2 "must be flat or kernel, not 'hash'" demo --layout=hash
for scenario in "$examples"/*.vzs; do
  if diff <("$vzsim" run "$scenario" 2>&1) \
      <("$vzsim" run --layout=kernel "$scenario" 2>&1) >/dev/null &&
    diff <("$vzsim" demo) <("$vzsim" demo --layout=kernel) >/dev/null; then
    echo "ok: vzsim run --layout=kernel $(basename "$scenario") as flat"
  else
    echo "FAIL: the kernel layout changes the output of $(basename "$scenario") or the demo"
    failures=$((failures + 1))
  fi
done

[[ $failures -eq 0 ]] || { echo "$failures failed"; exit 1; }
