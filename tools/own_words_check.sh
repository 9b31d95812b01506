#!/usr/bin/env bash
# The project writes its own prose: facts carry over from the kernel, its
# comments do not. This check reads every comment of the reference kernel
# (the OpenVZ 028stab056 tarball) and fails on any comment or doc of the
# project that repeats nine or more of its words in a row, or one of its
# comments of five words or more entire (case, spacing
# and the comment's `*` margins ignored). Kernel message strings are facts
# and are not scanned; only comments, and the prose of docs/ and the
# READMEs.
#
#   tools/own_words_check.sh [REFERENCE_DIR]
#
# REFERENCE_DIR holds openvz-*.tar.xz; by default $VZSIM_REFERENCE
# (tools/test.sh passes the one CI has). Without it the check says so and
# passes: a user's clone need not have the reference.
set -euo pipefail
cd "$(dirname "$0")/.."

ref=${1:-${VZSIM_REFERENCE:-}}
tarball=
[[ -n $ref ]] && tarball=$(ls "$ref"/openvz-*.tar.xz 2>/dev/null | head -n 1 || true)
if [[ -z $tarball ]]; then
  echo "own words: skipped (no reference tarball${ref:+ in $ref})"
  exit 0
fi

scan=$(cat <<'EOF'
import re, sys, tarfile

RUN = 9    # words in a row that count as a copy
WHOLE = 5  # a shorter comment counts when it is a kernel comment entire

def words(text):
    return ' '.join(text.replace('*', ' ').split()).lower().split()

def comments(text):
    out = re.findall(r'/\*(.*?)\*/', text, re.S)
    run = []
    for line in text.split('\n'):
        m = re.match(r'\s*//+\s?(.*)', line)
        if m:
            run.append(m.group(1))
        elif run:
            out.append(' '.join(run))
            run = []
    if run:
        out.append(' '.join(run))
    return out

def runs(ws):
    return (' '.join(ws[i:i + RUN]) for i in range(len(ws) - RUN + 1))

kernel = {}  # each run of RUN words -> a file it comes from
whole = {}   # each comment of WHOLE words or more, entire -> a file
with tarfile.open(sys.argv[1]) as tar:
    for m in tar:
        if m.isfile() and m.name.endswith(('.c', '.h', '.S')):
            text = tar.extractfile(m).read().decode('latin-1')
            for c in comments(text):
                ws = words(c)
                if len(ws) >= WHOLE:
                    whole.setdefault(' '.join(ws), m.name)
                for r in runs(ws):
                    kernel.setdefault(r, m.name)

def scan(name, text):
    found = []
    parts = [text] if name.endswith('.md') else comments(text)
    for part in parts:
        ws = words(part)
        if ' '.join(ws) in whole:
            found.append((' '.join(ws), whole[' '.join(ws)]))
            continue
        for r in runs(ws):
            if r in kernel:
                found.append((r, kernel[r]))
                break
    return found

# The check has teeth: a comment taken from the reference is caught.
probe_run, probe_src = next(iter(kernel.items()))
assert scan('probe.c', '/* ' + probe_run + ' */'), 'the probe was not caught'

bad = 0
for name in sys.stdin.read().split():
    try:
        text = open(name, encoding='utf-8', errors='replace').read()
    except OSError:
        continue
    for r, src in scan(name, text):
        print(f'own words: {name} repeats "{r}" from {src}')
        bad += 1
print(f'own words: {"FAILED" if bad else "passed"} '
      f'({len(kernel)} runs of {RUN} words of the kernel\'s comments)')
sys.exit(1 if bad else 0)
EOF
)

# OWN_WORDS_EXTRA: more files to scan (a way to show the check failing).
{
  git ls-files '*.c' '*.h' '*.cc' '*.S' '*.md' ':!:third_party/*'
  [[ -z ${OWN_WORDS_EXTRA:-} ]] || echo "$OWN_WORDS_EXTRA"
} | python3 -c "$scan" "$tarball"
