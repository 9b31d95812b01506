#!/usr/bin/env bash
# Keeps docs/errors.md honest: every test its rows cite must exist, and every
# case of tests/errors_test.cc must be cited by some row.
#   - `Suite.Name`: a TEST / TEST_F / TEST_P (Suite, Name) in some *_test.cc;
#   - `Porting/<arch>.Rn_Name`: a rule id in arch/rules.cc;
#   - a path ending in .sh: an existing file.
set -euo pipefail
cd "$(dirname "$0")/.."
doc=docs/errors.md
failed=0

# Tracked and new test sources (not third_party, which is git-ignored).
mapfile -t sources < <(git ls-files -co --exclude-standard '*_test.cc')
mapfile -t cited < <(grep -o '`[A-Za-z]*Test\.[A-Za-z0-9_]*`' "$doc" | tr -d '`' | sort -u)
for name in "${cited[@]}"; do
  suite=${name%%.*} test=${name#*.}
  if ! grep -qE "TEST(_F|_P)?\(${suite}, ${test}\)" "${sources[@]}"; then
    echo "errors table: $name is cited but no such test exists"
    failed=1
  fi
done

mapfile -t rules < <(grep -o '`Porting/<arch>\.R[0-9]*_[A-Za-z]*`' "$doc" | sed 's/.*\.//; s/`//')
for rule in "${rules[@]}"; do
  if ! grep -q "\"$rule\"" arch/rules.cc; then
    echo "errors table: rule test $rule does not exist"
    failed=1
  fi
done

mapfile -t scripts < <(grep -o '`[a-z_/]*\.sh`' "$doc" | tr -d '`' | sort -u)
for script in "${scripts[@]}"; do
  [[ -f $script ]] || { echo "errors table: $script does not exist"; failed=1; }
done

mapfile -t cases < <(grep -oE 'TEST_F\(ErrorsTest, [A-Za-z0-9_]+\)' tests/errors_test.cc |
                     sed -E 's/TEST_F\(ErrorsTest, (.*)\)/\1/')
for c in "${cases[@]}"; do
  grep -q "\`ErrorsTest\.$c\`" "$doc" || {
    echo "errors table: ErrorsTest.$c has no row in $doc"
    failed=1
  }
done

if ((failed)); then
  echo "errors table check: FAILED"
  exit 1
fi
echo "errors table check: ${#cited[@]} tests cited, all exist; ${#cases[@]} ErrorsTest cases, all in the table"
