#!/usr/bin/env python3
"""Draws the growth curves of the task-index benchmarks as SVG.

usage: bench/plot.py OUT_DIR DOCS_DIR

Reads OUT_DIR/report.json (bench/report.py) and writes DOCS_DIR/bench-*.svg:
time per operation against N (or against the VE's size k), one line per
layout and baseline, log scales, the median of the repetitions with their
min-max as error bars. Text stays text (no embedded glyphs) and the files
carry no date, so that a re-run diffs by its numbers only.
"""
import json
import os
import statistics
import sys

import matplotlib

matplotlib.use("svg")
import matplotlib.pyplot as plt  # noqa: E402

plt.rcParams.update({
    "svg.fonttype": "none",
    "svg.hashsalt": "vzsim",
    "font.size": 9,
    "axes.grid": True,
    "grid.alpha": 0.3,
})

K, M = 1 << 10, 1 << 20
SIZES = (K, 10 * K, 100 * K, M)
STYLE = {  # variant -> (label, color, marker, line)
    "kernel": ("kernel layout (028stab)", "#c0392b", "o", "-"),
    "flat": ("vzsim (flat tables)", "#2471a3", "s", "-"),
    "array": ("plain array by pid", "#7f8c8d", "^", "--"),
    "array_task": ("plain array + one read from the task", "#27ae60", "<",
                   "--"),
    "map": ("std::unordered_map", "#8e44ad", "v", "--"),
    "scan": ("contiguous pointer scan", "#7f8c8d", "^", "--"),
    "scan_slab": ("pointer scan, slab-spread tasks", "#d68910", "D", "--"),
}


def label_of(n):
    if n >= M and n % M == 0:
        return "%dM" % (n // M)
    if n >= K and n % K == 0:
        return "%dK" % (n // K)
    return str(n)


def curve(series, op, variant, shapes):
    xs, ys, lo, hi = [], [], [], []
    for x, shape in shapes:
        reps = series.get("%s|%s|%s" % (op, variant, shape))
        if not reps:
            continue
        med = statistics.median(reps)
        xs.append(x)
        ys.append(med)
        lo.append(med - min(reps))
        hi.append(max(reps) - med)
    return xs, ys, lo, hi


def panel(ax, series, op, variants, shapes, title, xlabel):
    for v in variants:
        xs, ys, lo, hi = curve(series, op, v, shapes)
        if not xs:
            continue
        label, color, marker, line = STYLE[v]
        ax.errorbar(xs, ys, yerr=[lo, hi], label=label, color=color,
                    marker=marker, linestyle=line, markersize=4, capsize=2,
                    linewidth=1.2)
    ax.set_xscale("log")
    ax.set_yscale("log")
    ticks = [x for x, _ in shapes]
    ax.set_xticks(ticks, [label_of(x) for x in ticks])
    ax.minorticks_off()
    ax.set_title(title)
    ax.set_xlabel(xlabel)
    ax.set_ylabel("ns per operation")
    ax.legend(fontsize=7)


def figure(path, panels, series):
    fig, axes = plt.subplots(1, len(panels), figsize=(4.2 * len(panels), 3.6))
    if len(panels) == 1:
        axes = [axes]
    for ax, p in zip(axes, panels):
        panel(ax, series, *p)
    fig.tight_layout()
    fig.savefig(path, format="svg", metadata={"Date": None})
    plt.close(fig)


def main():
    if len(sys.argv) != 3:
        sys.stderr.write(__doc__)
        return 2
    with open(os.path.join(sys.argv[1], "report.json")) as fh:
        series = json.load(fh)["series"]
    docs = sys.argv[2]
    by_n = [(n, "n:%d" % n) for n in SIZES]
    by_n_ve = [(n, "n:%d/k:1000" % n) for n in SIZES]
    by_k = [(k, "n:%d/k:%d" % (100 * K, k)) for k in (10, 100, 1000, 10000)]
    tasks = "N (tasks)"
    figure(os.path.join(docs, "bench-lookups.svg"), [
        ("find_all", ["kernel", "flat", "array", "map"], by_n,
         "find_task_by_pid_all", tasks),
        ("find_ve", ["kernel", "flat", "array", "array_task"], by_n_ve,
         "find_task_by_pid_ve (VEs of 1000)", tasks),
    ], series)
    figure(os.path.join(docs, "bench-walks.svg"), [
        ("each_all", ["kernel", "flat", "scan", "scan_slab"], by_n,
         "for_each_process_all, per task", tasks),
        ("each_ve", ["kernel", "flat", "scan"], by_n_ve,
         "for_each_process_ve (k = 1000), per task", tasks),
        ("thread_ve", ["kernel", "flat", "scan"], by_n_ve,
         "do_each_thread_ve (k = 1000), per task", tasks),
    ], series)
    figure(os.path.join(docs, "bench-lifecycle.svg"), [
        ("fork_exit", ["kernel", "flat"], by_n, "fork + exit", tasks),
        ("ve_cycle", ["kernel", "flat"], by_n,
         "VE create + 9 forks + stop", tasks),
    ], series)
    figure(os.path.join(docs, "bench-ve-size.svg"), [
        ("each_ve", ["kernel", "flat", "scan"], by_k,
         "for_each_process_ve, N = 100K, per task", "k (tasks in the VE)"),
        ("thread_ve", ["kernel", "flat", "scan"], by_k,
         "do_each_thread_ve, N = 100K, per task", "k (tasks in the VE)"),
    ], series)
    return 0


if __name__ == "__main__":
    sys.exit(main())
