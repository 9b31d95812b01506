#!/usr/bin/env python3
"""Turns the benchmarks' JSON output into the table of speed targets
(docs/benchmarks.md).

usage: bench/report.py OUT_DIR   (OUT_DIR holds <name>_benchmark.json files)

Prints one row per target: the measured ratio, the target, met or MISSED;
writes the same rows to OUT_DIR/report.json. Exit status 0 even when a
target is missed: benchmarks measure, they do not gate.
"""
import json
import os
import sys


def load(out_dir):
    """name -> benchmark record, over every *_benchmark.json in out_dir."""
    runs = {}
    for f in sorted(os.listdir(out_dir)):
        if not f.endswith("_benchmark.json"):
            continue
        with open(os.path.join(out_dir, f)) as fh:
            doc = json.load(fh)
        for b in doc.get("benchmarks", []):
            # With --benchmark_repetitions, take the median of the runs.
            if b.get("run_type") == "aggregate":
                if b.get("aggregate_name") == "median":
                    runs[b["run_name"]] = b
            else:
                runs.setdefault(b["name"], b)
    return runs


def per_item_ns(runs, name):
    """Nanoseconds per processed item (real time when measured so)."""
    b = runs.get(name)
    if b is None or not b.get("items_per_second"):
        return None
    return 1e9 / b["items_per_second"]


def throughput(runs, name):
    b = runs.get(name)
    return None if b is None else b.get("items_per_second")


def rows(runs):
    M, K = 1 << 20, 1 << 10
    out = []

    def ratio(label, num, den, target, higher_is_better=False, note=""):
        if num is None or den is None:
            out.append((label, None, target, higher_is_better, note))
            return
        out.append((label, num / den, target, higher_is_better, note))

    ratio("find_task_by_pid_all, 1M: / plain array",
          per_item_ns(runs, "BM_FindTaskByPidAll/%d" % M),
          per_item_ns(runs, "BM_BaselinePlainArray/%d" % M), 3.0)
    ratio("find_task_by_pid_all, 1M: unordered_map /",
          per_item_ns(runs, "BM_BaselineHashMap<std::unordered_map<pid_t, task_struct*>>/%d" % M),
          per_item_ns(runs, "BM_FindTaskByPidAll/%d" % M), 5.0, True)
    ratio("find_task_by_pid_ve, 1M in 1000 VEs: / plain array",
          per_item_ns(runs, "BM_FindTaskByPidVe/%d" % M),
          per_item_ns(runs, "BM_BaselinePlainArray/%d" % M), 4.0)
    for n in (K, 10 * K, 100 * K, M):
        ratio("for_each_process_ve, k=1024 of N=%d: / array of k" % n,
              per_item_ns(runs, "BM_ForEachProcessVe/%d" % n),
              per_item_ns(runs, "BM_BaselineArrayScanVe/%d" % n), 2.0)
    ratio("for_each_process_ve: N=1M / N=1K (flat)",
          per_item_ns(runs, "BM_ForEachProcessVe/%d" % M),
          per_item_ns(runs, "BM_ForEachProcessVe/%d" % K), 1.2)
    ratio("for_each_process_all, N=1M: / array scan",
          per_item_ns(runs, "BM_ForEachProcessAll/%d" % M),
          per_item_ns(runs, "BM_BaselineArrayScanAll/%d" % M), 2.0)
    ratio("charge + uncharge, 1 level: / atomic add + sub",
          per_item_ns(runs, "BM_ChargeUncharge/real_time/threads:1"),
          per_item_ns(runs, "BM_BaselineAtomicAddSub/real_time/threads:1"), 3.0)
    ratio("charge + uncharge, 2 threads: throughput / 1 thread",
          throughput(runs, "BM_ChargeUncharge/real_time/threads:2"),
          throughput(runs, "BM_ChargeUncharge/real_time/threads:1"), 1.8, True)
    ratio("irq_enter + irq_exit in a VE task: / 2 TLS swaps",
          per_item_ns(runs, "BM_IrqEnterExit"),
          per_item_ns(runs, "BM_BaselineTlsSwap"), 3.0,
          note="see docs/benchmarks.md")
    ratio("fork + exit: 1M tasks / 1K tasks (O(1))",
          per_item_ns(runs, "BM_ForkExit/%d" % M),
          per_item_ns(runs, "BM_ForkExit/%d" % K), 1.5)
    mem = runs.get("BM_MemoryPerTask/%d/iterations:1" % M)
    out.append(("memory per task at 1M tasks (bytes)",
                mem.get("bytes_per_task") if mem else None, 256.0, False, ""))
    return out


def main():
    if len(sys.argv) != 2 or not os.path.isdir(sys.argv[1]):
        sys.stderr.write(__doc__)
        return 2
    table = rows(load(sys.argv[1]))
    width = max(len(r[0]) for r in table)
    print("%-*s  %9s  %8s  %s" % (width, "target", "measured", "goal", "verdict"))
    report = []
    for label, value, target, higher, note in table:
        goal = (">= " if higher else "<= ") + ("%g" % target)
        if value is None:
            verdict, shown = "not measured", "-"
        else:
            ok = value >= target if higher else value <= target
            verdict = "met" if ok else "MISSED"
            shown = "%.2f" % value
        print("%-*s  %9s  %8s  %s%s" % (width, label, shown, goal, verdict,
                                         ("  (" + note + ")") if note and verdict == "MISSED" else ""))
        report.append({"target": label, "measured": value, "goal": goal,
                       "verdict": verdict})
    with open(os.path.join(sys.argv[1], "report.json"), "w") as fh:
        json.dump(report, fh, indent=2)
    return 0


if __name__ == "__main__":
    sys.exit(main())
