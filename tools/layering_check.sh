#!/usr/bin/env bash
# Keeps the dependencies of vzsim's own Bazel packages pointing one way.
#
#   tools/layering_check.sh           check (run by tools/test.sh)
#   tools/layering_check.sh --fix     also redraw what is drawn from the
#                                     tiers: docs/architecture.md's table and
#                                     the root BUILD.bazel's package_groups
#   tools/layering_check.sh --graph   print the unit-level dependency graph
#
# Reads the tiers from tools/layering/tiers.txt (lowest first) and the known
# violations from tools/layering/allowlist.txt, asks `bazel query` for every
# direct dependency of every non-test rule (external repositories ignored),
# and fails when
#   - a unit depends on a unit of a higher tier ("A -> B" points up),
#   - two units depend on each other ("A <-> B"), or, through several
#     units, a cycle remains,
#   - a package has no tier,
# unless the allowlist names that violation; and also when an allowlist line
# no longer occurs (the list can only shrink), or when the tier table in
# docs/architecture.md (between the "tiers" markers) or the package_groups of
# the root BUILD.bazel (between "# <tiers>" and "# </tiers>"), which the
# targets' visibility names, differ from tiers.txt.
set -euo pipefail
cd "$(dirname "$0")/.."
mode=check
case ${1:-} in
  --fix) mode=fix ;;
  --graph) mode=graph ;;
  "") ;;
  *) echo "usage: $0 [--fix | --graph]" >&2; exit 2 ;;
esac

# The drawings first: the package_groups must be there for bazel to load.
if [[ $mode == fix ]]; then python3 tools/layering/layering.py draw; fi
edges=$(mktemp)
rules=$(mktemp)
trap 'rm -f "$edges" "$rules"' EXIT
# Every non-test rule of the project, and its direct dependencies.
query='kind(rule, //...) except tests(//...)'
if ! bazel query "$query" >"$rules" 2>"$edges" ||
   ! bazel query --noimplicit_deps --output=graph --nograph:factored \
       "deps($query, 1)" >"$edges" 2>"$rules.err"; then
  cat "$edges" "$rules.err" 2>/dev/null
  rm -f "$rules.err"
  echo "layering check: FAILED (bazel query)"
  exit 1
fi
rm -f "$rules.err"
python3 tools/layering/layering.py "$mode" "$rules" "$edges"
