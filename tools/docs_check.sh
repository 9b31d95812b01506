#!/usr/bin/env bash
# Keeps each restated fact equal to its one source, and the tree free of
# citations of files a clone does not have:
#
#   1. The porting guide's rule texts. arch/rules.cc is the only place a rule
#      is worded. docs/porting-guide.md holds each rule as a block between
#      "<!-- catalog:R1 -->" and "<!-- /catalog:R1 -->"; the block must be
#      exactly what `vzsim rules --markdown` prints for that rule, and every
#      rule must have one.  Fix with:  tools/docs_check.sh --fix
#      (rewrites the blocks from the catalog; a missing block must first be
#      placed by hand as an empty pair of markers).
#   2. Citations. No tracked file may cite the notes that sit outside the
#      repository (`pattern` below names them): a clone has none of them.
#      Cite the kernel's own path and function instead (kernel/pid.c:
#      alloc_pidmap()). Fails on any.
#
# Builds //tools/vzsim with tools/test.sh's flags (a cache hit after its plain
# run). Exit status 0 when every part passes.
set -euo pipefail
cd "$(dirname "$0")/.."
guide=docs/porting-guide.md
flags=(--config=ci)
fix=0
[[ ${1:-} == --fix ]] && fix=1
failed=0

# ---- 1. the guide's rule blocks against the catalog -----------------------
log=$(mktemp)
catalog=$(mktemp)
trap 'rm -f "$log" "$catalog"' EXIT
if ! bazel run "${flags[@]}" --ui_event_filters=-info,-progress --noshow_progress \
    //tools/vzsim -- rules --markdown >"$catalog" 2>"$log"; then
  cat "$log"
  echo "docs check: FAILED (could not build and run vzsim rules --markdown)"
  exit 1
fi
python3 - "$guide" "$catalog" "$fix" <<'PY' || failed=1
import re, sys
guide_path, catalog_path, fix = sys.argv[1], sys.argv[2], sys.argv[3] == "1"
BLOCK = re.compile(r"<!-- catalog:(\w+) -->\n(.*?)<!-- /catalog:\1 -->", re.S)
catalog = {m.group(1): m.group(0) for m in BLOCK.finditer(open(catalog_path).read())}
guide = open(guide_path).read()
found = {m.group(1): m.group(0) for m in BLOCK.finditer(guide)}
problems = []
for rule in catalog:
    if rule not in found:
        problems.append(f"{rule}: no block; put '<!-- catalog:{rule} -->' and "
                        f"'<!-- /catalog:{rule} -->' on two lines where it belongs, then --fix")
    elif found[rule] != catalog[rule]:
        problems.append(f"{rule}: the block differs from the catalog (arch/rules.cc)")
for rule in found:
    if rule not in catalog:
        problems.append(f"{rule}: a block for a rule the catalog does not have")
opened = re.findall(r"<!-- catalog:(\w+) -->", guide)
if len(opened) != len(found):
    problems.append("a '<!-- catalog:Rn -->' marker without its closing marker")
if fix:
    fixed = BLOCK.sub(lambda m: catalog.get(m.group(1), m.group(0)), guide)
    if fixed != guide:
        open(guide_path, "w").write(fixed)
        print(f"docs: rewrote the rule blocks of {guide_path} from the catalog")
    problems = [p for p in problems if "differs" not in p]
for p in problems:
    print(f"docs: {guide_path}: {p}")
if problems:
    sys.exit(1)
print(f"docs: {guide_path}: {len(found)} rule blocks equal the catalog")
PY

# ---- 2. citations of files outside the repository -------------------------
pattern='SPEC[.]md|DESIGN[.]md|fidelity[-]audit|house[-]review|[.][.]/shared'
# (tools/test.sh looks for the reference kernel beside the checkout, where
# CI puts it, to set VZSIM_REFERENCE, and tools/measure_test_time.sh puts it
# beside its clone the same way: lookups, not citations.)
citations=$(git grep -n -I -E "$pattern" -- . ':!tools/docs_check.sh' \
  ':!tools/test.sh' ':!tools/measure_test_time.sh' || true)
count=$(grep -c . <<<"$citations" || true)
if ((count)); then
  echo "$citations" | sed 's/^/docs: cites a file outside the repository: /'
  echo "docs: $count citation(s) of files outside the repository: cite the" \
    "kernel's own path and function instead"
  failed=1
else
  echo "docs: no citation of files outside the repository"
fi

if ((failed)); then
  echo "docs check: FAILED (--fix rewrites the rule blocks; citations are" \
    "fixed by hand)"
  exit 1
fi
echo "docs check: passed"
