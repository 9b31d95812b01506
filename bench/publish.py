#!/usr/bin/env python3
"""Puts a run's tables into the doc: bench/run.sh --publish.

usage: bench/publish.py OUT_DIR DOC

Replaces what lies between the lines "<!-- results:begin -->" and
"<!-- results:end -->" of DOC with OUT_DIR/machine.txt and OUT_DIR/report.md.
"""
import os
import sys

BEGIN, END = "<!-- results:begin -->", "<!-- results:end -->"


def main():
    if len(sys.argv) != 3:
        sys.stderr.write(__doc__)
        return 2
    out_dir, doc = sys.argv[1], sys.argv[2]
    with open(os.path.join(out_dir, "machine.txt")) as fh:
        machine = ["- " + line.rstrip("\n") for line in fh if line.strip()]
    with open(os.path.join(out_dir, "report.md")) as fh:
        report = fh.read()
    with open(doc) as fh:
        text = fh.read()
    if BEGIN not in text or END not in text:
        sys.stderr.write("%s has no %s ... %s markers\n" % (doc, BEGIN, END))
        return 1
    head, rest = text.split(BEGIN, 1)
    _, tail = rest.split(END, 1)
    body = "\n".join(["", "Produced by:", ""] + machine + ["", report])
    with open(doc, "w") as fh:
        fh.write(head + BEGIN + "\n" + body + END + tail)
    return 0


if __name__ == "__main__":
    sys.exit(main())
