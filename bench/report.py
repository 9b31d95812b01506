#!/usr/bin/env python3
"""Turns the benchmarks' JSON output into the tables of docs/benchmarks.md.

usage: bench/report.py OUT_DIR   (OUT_DIR holds <name>_benchmark.json files)

Prints the three-way table (kernel layout, flat layout, baselines: median
ns per operation over the repetitions, and the ratios with their spread)
and the speed targets (met or MISSED). Every ratio is taken within a
repetition and reported as its median with the min-max over repetitions.
Writes OUT_DIR/report.json (everything, for bench/plot.py) and
OUT_DIR/report.md (the same tables in Markdown). Exit status 0 even when a
target is missed: benchmarks measure, they do not gate.
"""
import collections
import json
import os
import statistics
import sys

K, M = 1 << 10, 1 << 20
SIZES = (K, 10 * K, 100 * K, M)
# The memory target (docs/benchmarks.md, "Targets"): what the model adds,
# per task at 1M tasks, to the kernel's own fields (the face's struct
# task_struct, which alone is larger than the former 256-byte goal).
MODEL_BYTES_GOAL = 160.0
OPS = [  # op, what, variants in column order
    ("find_all", "find_task_by_pid_all, random global pids",
     ["kernel", "flat", "array", "map"]),
    ("find_ve", "find_task_by_pid_ve from a VE of 1000, random vpids",
     ["kernel", "flat", "array", "array_task"]),
    ("each_all", "for_each_process_all, per task",
     ["kernel", "flat", "scan", "scan_slab"]),
    ("each_ve", "for_each_process_ve, VE of k = 1000, per task",
     ["kernel", "flat", "scan"]),
    ("thread_ve", "do_each_thread_ve, VE of k = 1000 (2 threads), per task",
     ["kernel", "flat", "scan"]),
    ("fork_exit", "fork + exit beside N tasks", ["kernel", "flat"]),
    ("ve_cycle", "VE create, 9 forks, stop, beside N tasks",
     ["kernel", "flat"]),
]


def load_layout(out_dir):
    """(op, variant, shape) -> [ns per item by repetition], and memory."""
    times = collections.defaultdict(dict)
    memory = {}
    path = os.path.join(out_dir, "layout_benchmark.json")
    if not os.path.exists(path):
        return times, memory
    with open(path) as fh:
        doc = json.load(fh)
    for b in doc.get("benchmarks", []):
        parts = b["name"].split("/")
        op, variant = parts[0], parts[1]
        shape = "/".join(p for p in parts[2:] if p.startswith(("n:", "k:")))
        rep = int([p for p in parts if p.startswith("rep:")][0][4:])
        if op == "memory":
            memory[(variant, shape)] = b
        elif b.get("items_per_second"):
            times[(op, variant, shape)][rep] = 1e9 / b["items_per_second"]
    return times, memory


def load_repeated(out_dir, names):
    """run_name -> {repetition: ns per item} from Google Benchmark's own
    --benchmark_repetitions output (ubc, irq)."""
    out = collections.defaultdict(dict)
    for n in names:
        path = os.path.join(out_dir, n + "_benchmark.json")
        if not os.path.exists(path):
            continue
        with open(path) as fh:
            doc = json.load(fh)
        for b in doc.get("benchmarks", []):
            if b.get("run_type") != "iteration" or not b.get("items_per_second"):
                continue
            out[b["run_name"]][b.get("repetition_index", 0)] = (
                1e9 / b["items_per_second"])
    return out


def spread(values):
    """(median, min, max) of a list, or None."""
    values = [v for v in values if v is not None]
    if not values:
        return None
    return (statistics.median(values), min(values), max(values))


def paired(num, den, invert=False):
    """The per-repetition ratios num[r] / den[r] (den / num with invert)."""
    if not num or not den:
        return None
    reps = sorted(set(num) & set(den))
    ratios = [(den[r] / num[r]) if invert else (num[r] / den[r]) for r in reps]
    return spread(ratios)


def fmt_ns(s):
    if s is None:
        return "-"
    med, lo, hi = s

    def one(v):
        if v >= 1e6:
            return "%.3g ms" % (v / 1e6)
        if v >= 1e3:
            return "%.3g us" % (v / 1e3)
        return "%.3g" % v
    return "%s (%s-%s)" % (one(med), one(lo), one(hi))


def num(v):
    """Three significant digits, without exponents."""
    return "%.0f" % v if v >= 100 else "%.3g" % v


def fmt_ratio(s):
    if s is None:
        return "-"
    return "%sx (%s-%s)" % tuple(num(v) for v in s)


def size_name(n):
    return "%dK" % (n // K) if n < M else "%dM" % (n // M)


def shape_of(op, n, k=1000):
    if op in ("find_ve", "each_ve", "thread_ve"):
        return "n:%d/k:%d" % (n, k)
    return "n:%d" % n


def three_way(times):
    """Rows of the three-way table: one per (op, N)."""
    rows = []
    for op, what, variants in OPS:
        for n in SIZES:
            sh = shape_of(op, n)
            cells = {v: spread(list(times.get((op, v, sh), {}).values()))
                     for v in variants}
            if all(c is None for c in cells.values()):
                continue
            base = variants[2] if len(variants) > 2 else None
            rows.append({
                "op": op, "what": what, "n": n, "shape": sh,
                "ns": {v: cells[v] for v in variants},
                "kernel/flat": paired(times.get((op, "kernel", sh)),
                                      times.get((op, "flat", sh))),
                "flat/base": paired(times.get((op, "flat", sh)),
                                    times.get((op, base, sh))) if base else None,
                "kernel/base": paired(times.get((op, "kernel", sh)),
                                      times.get((op, base, sh))) if base else None,
                "base": base,
            })
    return rows


def ve_size_rows(times):
    rows = []
    for op in ("each_ve", "thread_ve"):
        for k in (10, 100, 1000, 10000):
            sh = "n:%d/k:%d" % (100 * K, k)
            if (op, "flat", sh) not in times:
                continue
            rows.append({
                "op": op, "k": k, "shape": sh,
                "ns": {v: spread(list(times.get((op, v, sh), {}).values()))
                       for v in ("kernel", "flat", "scan")},
                "kernel/flat": paired(times.get((op, "kernel", sh)),
                                      times.get((op, "flat", sh))),
                "flat/scan": paired(times.get((op, "flat", sh)),
                                    times.get((op, "scan", sh))),
            })
    return rows


def targets(times, memory, repeated):
    t = []

    def add(label, s, goal, higher=False):
        t.append({"target": label, "measured": s, "goal": goal,
                  "higher_is_better": higher})

    def g(op, v, n, k=1000):
        return times.get((op, v, shape_of(op, n, k)))

    add("find_task_by_pid_all, 1M tasks, random pids: / plain array",
        paired(g("find_all", "flat", M), g("find_all", "array", M)), 3.0)
    add("find_task_by_pid_all, 1M tasks: / plain array (revised target)",
        paired(g("find_all", "flat", M), g("find_all", "array", M)), 1.5)
    add("find_task_by_pid_ve, 1M tasks in VEs of 1000, from a VE: "
        "/ plain array", paired(g("find_ve", "flat", M),
                                g("find_ve", "array", M)), 4.0)
    add("(for comparison) the same / plain array and one read from the task",
        paired(g("find_ve", "flat", M), g("find_ve", "array_task", M)), 4.0)
    for n in SIZES:
        add("for_each_process_ve, k = 1024 of N = %s: / array of k"
            % size_name(n), paired(g("each_ve", "flat", n),
                                   g("each_ve", "scan", n)), 2.0)
    add("for_each_process_ve: N = 1M / N = 1K (flat in N)",
        paired(g("each_ve", "flat", M), g("each_ve", "flat", K)), 1.2)
    add("for_each_process_all, N = 1M: / array scan",
        paired(g("each_all", "flat", M), g("each_all", "scan", M)), 2.0)
    add("fork + exit, 1M live tasks / 1K live tasks",
        paired(g("fork_exit", "flat", M), g("fork_exit", "flat", K)), 1.5)
    add("charge + uncharge, 1 level: / atomic add + sub",
        paired(repeated.get("BM_ChargeUncharge/real_time/threads:1"),
               repeated.get("BM_BaselineAtomicAddSub/real_time/threads:1")),
        3.0)
    add("charge + uncharge, 2 threads, own beancounters: / 1 thread",
        paired(repeated.get("BM_ChargeUncharge/real_time/threads:2"),
               repeated.get("BM_ChargeUncharge/real_time/threads:1"),
               invert=True), 1.8, True)
    add("irq_enter + irq_exit in a VE task: / 028stab's own work written "
        "out by hand (revised target)",
        paired(repeated.get("BM_IrqEnterExit"),
               repeated.get("BM_BaselineKernelWork")), 1.5)
    add("(for comparison) the same / 2 TLS pointer swaps: the first "
        "target, 3x, is below what the kernel's own work costs",
        paired(repeated.get("BM_IrqEnterExit"),
               repeated.get("BM_BaselineTlsSwap")), None)
    mem = memory.get(("flat", "n:%d" % M))
    b = mem.get("model_bytes") if mem else None
    add("memory per task at 1M tasks beyond the kernel's structs "
        "(task_struct, signal_struct, sighand_struct): the model's record, "
        "pid entries, lists, bytes",
        (b, b, b) if b is not None else None, MODEL_BYTES_GOAL)
    for row in t:
        s, goal = row["measured"], row["goal"]
        if goal is None:
            row["verdict"] = "for comparison"
        elif s is None:
            row["verdict"] = "not measured"
        else:
            ok = s[0] >= goal if row["higher_is_better"] else s[0] <= goal
            row["verdict"] = "met" if ok else "MISSED"
    return t


GAIN = [  # op, shape at 1M, what, baseline
    ("find_all", "n:%d" % M, "find_task_by_pid_all", "array"),
    ("find_ve", "n:%d/k:1000" % M, "find_task_by_pid_ve (VEs of 1000)",
     "array"),
    ("each_all", "n:%d" % M, "for_each_process_all, per task", "scan"),
    ("each_ve", "n:%d/k:1000" % M, "for_each_process_ve (k = 1000), per task",
     "scan"),
    ("thread_ve", "n:%d/k:1000" % M, "do_each_thread_ve (k = 1000), per task",
     "scan"),
    ("fork_exit", "n:%d" % M, "fork + exit", None),
    ("ve_cycle", "n:%d" % M, "VE create, 9 forks, stop", None),
]


def gain_rows(times):
    """What the kernel layout costs against the flat one at 1M tasks (and,
    for contrast, at 1K), ratios paired within repetitions."""
    rows = []
    for op, shape, what, base in GAIN:
        small = shape.replace("n:%d" % M, "n:%d" % K)
        k_m, f_m = times.get((op, "kernel", shape)), times.get((op, "flat",
                                                                  shape))
        if not k_m or not f_m:
            continue
        rows.append({
            "op": op, "what": what,
            "kernel": spread(list(k_m.values())),
            "flat": spread(list(f_m.values())),
            "kernel/flat 1K": paired(times.get((op, "kernel", small)),
                                     times.get((op, "flat", small))),
            "kernel/flat 1M": paired(k_m, f_m),
            "flat/base 1M": paired(f_m, times.get((op, base, shape)))
            if base else None,
        })
    return rows


def markdown(rows, ve_rows, tgts, memory, gains=()):
    out = []
    if gains:
        out += ["### The kernel's layout against vzsim's, at 1M tasks", "",
                "Median ns per operation (min-max); ratios paired within "
                "repetitions, median (min-max). The last column is what "
                "vzsim's layout costs over the physical baseline (plain "
                "array, contiguous scan).", "",
                "| path | kernel layout | vzsim (flat) | kernel / flat at 1K "
                "| kernel / flat at 1M | flat / baseline at 1M |",
                "|---|---|---|---|---|---|"]
        for g in gains:
            out.append("| %s | %s | %s | %s | %s | %s |" % (
                g["what"], fmt_ns(g["kernel"]), fmt_ns(g["flat"]),
                fmt_ratio(g["kernel/flat 1K"]), fmt_ratio(g["kernel/flat 1M"]),
                fmt_ratio(g["flat/base 1M"])))
        out.append("")
    out += ["### Three-way table", "",
           "Median ns per operation (min-max over repetitions); ratios "
           "taken within each repetition, median (min-max).", "",
           "| path | N | kernel layout | vzsim (flat) | baseline | "
           "kernel / flat | flat / baseline | kernel / baseline |",
           "|---|---|---|---|---|---|---|---|"]
    for r in rows:
        base = r["base"]
        out.append("| %s | %s | %s | %s | %s | %s | %s | %s |" % (
            r["what"], size_name(r["n"]), fmt_ns(r["ns"]["kernel"]),
            fmt_ns(r["ns"]["flat"]),
            ("%s: %s" % (base, fmt_ns(r["ns"][base]))) if base else "-",
            fmt_ratio(r["kernel/flat"]), fmt_ratio(r["flat/base"]),
            fmt_ratio(r["kernel/base"])))
    if ve_rows:
        out += ["", "### VEs of k tasks among N = 100K", "",
                "| path | k | kernel layout | vzsim (flat) | scan of the VE | "
                "kernel / flat | flat / scan |", "|---|---|---|---|---|---|---|"]
        for r in ve_rows:
            out.append("| %s | %d | %s | %s | %s | %s | %s |" % (
                r["op"], r["k"], fmt_ns(r["ns"]["kernel"]),
                fmt_ns(r["ns"]["flat"]), fmt_ns(r["ns"]["scan"]),
                fmt_ratio(r["kernel/flat"]), fmt_ratio(r["flat/scan"])))
    if memory:
        out += ["", "### Memory per task", "",
                "| N | layout | total | task | signal, sighand "
                "| pid tables and lists | beyond the kernel's structs |",
                "|---|---|---|---|---|---|---|"]
        for n in SIZES:
            for v in ("kernel", "flat"):
                m = memory.get((v, "n:%d" % n))
                if m:
                    extra = m.get("model_bytes")
                    out.append("| %s | %s | %.0f | %.0f | %.0f | %.0f | %s |" % (
                        size_name(n), v, m["bytes_per_task"], m["task_bytes"],
                        m.get("group_bytes", 0),
                        m["pid_bytes"] + m["list_bytes"],
                        "-" if extra is None else "%.0f" % extra))
    out += ["", "### Targets (vzsim's flat layout)", "",
            "| target | measured: median (min-max) | goal | verdict |",
            "|---|---|---|---|"]
    for t in tgts:
        goal = "-" if t["goal"] is None else (
            (">= " if t["higher_is_better"] else "<= ") + "%g" % t["goal"])
        out.append("| %s | %s | %s | %s |" % (
            t["target"], fmt_ratio(t["measured"]).replace("x", "")
            if t["measured"] else "-", goal,
            "**missed**" if t["verdict"] == "MISSED" else t["verdict"]))
    return "\n".join(out) + "\n"


def main():
    if len(sys.argv) != 2 or not os.path.isdir(sys.argv[1]):
        sys.stderr.write(__doc__)
        return 2
    out_dir = sys.argv[1]
    times, memory = load_layout(out_dir)
    repeated = load_repeated(out_dir, ("ubc", "irq"))
    rows = three_way(times)
    ve_rows = ve_size_rows(times)
    tgts = targets(times, memory, repeated)
    md = markdown(rows, ve_rows, tgts, memory, gain_rows(times))
    print(md)
    with open(os.path.join(out_dir, "report.md"), "w") as fh:
        fh.write(md)
    series = {"%s|%s|%s" % key: [reps[r] for r in sorted(reps)]
              for key, reps in times.items()}
    with open(os.path.join(out_dir, "report.json"), "w") as fh:
        json.dump({"series": series, "targets": tgts}, fh, indent=1,
                  sort_keys=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
