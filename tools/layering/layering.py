#!/usr/bin/env python3
"""The layering rule of tools/layering_check.sh, over `bazel query` output.

usage: layering.py check|fix|graph RULES EDGES
       layering.py draw
  RULES: the labels of the project's non-test rules, one per line;
  EDGES: `bazel query --output=graph --nograph:factored` of their deps.
Paths (tiers.txt, allowlist.txt, docs/architecture.md) are relative to the
workspace root, the current directory. Exit status 0 when the check passes.
"""
import re
import textwrap
import sys

TIERS = "tools/layering/tiers.txt"
ALLOWLIST = "tools/layering/allowlist.txt"
DOC = "docs/architecture.md"
DOC_BLOCK = re.compile(r"(<!-- tiers -->\n)(.*?)(<!-- /tiers -->)", re.S)
GROUPS = "BUILD.bazel"
GROUPS_BLOCK = re.compile(r"(# <tiers>\n)(.*?)(# </tiers>)", re.S)


def read_tiers():
    """[(name, [entries], what)], lowest first."""
    tiers = []
    for line in open(TIERS):
        if line.startswith("#") or not line.strip():
            continue
        spec, _, what = line.partition("#")
        name, *entries = spec.split()
        tiers.append((name, entries, what.strip()))
    return tiers


def package_of(label):
    return label.split(":")[0]


class Units:
    """Maps a rule label to its unit (a package or a listed target) and tier."""

    def __init__(self, tiers):
        self.targets = {}   # "//kernel:kernel" -> tier index
        self.packages = {}  # "//kernel" -> tier index
        for index, (_, entries, _) in enumerate(tiers):
            for entry in entries:
                (self.targets if ":" in entry else self.packages)[entry] = index

    def unit(self, label):
        return label if label in self.targets else package_of(label)

    def tier(self, unit):
        if unit in self.targets:
            return self.targets[unit]
        package = unit
        while package not in self.packages:
            if "/" not in package[2:]:
                return None
            package = package.rsplit("/", 1)[0]
        return self.packages[package]


def read_edges(path, rules):
    """Direct dependencies between the project's non-test rules."""
    edge = re.compile(r'^\s*"(//[^"]*)" -> "(//[^"]*)"$')
    edges = set()
    for line in open(path):
        m = edge.match(line)
        if m and m.group(1) in rules:
            edges.add((m.group(1), m.group(2)))
    return edges


def cycles(graph):
    """Strongly connected components of more than one node (Tarjan)."""
    index, low, stack, on_stack, out = {}, {}, [], set(), []

    def visit(v):
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in sorted(graph.get(v, ())):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                out.append(sorted(component))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return out


def tier_table(tiers):
    rows = ["| tier (lowest first) | packages or targets | what it holds |",
            "|---|---|---|"]
    for name, entries, what in tiers:
        rows.append("| %s | %s | %s |" % (
            name, " ".join("`%s`" % e for e in entries), what))
    return "\n".join(rows) + "\n"


def package_groups(tiers):
    """The tiers as package_groups, for the visibility of targets.

    For each tier, a group of its packages (a package with its subpackages;
    a tier of targets gets their packages alone), and below the top one a
    group "<tier>_and_up" of it and every tier above: who may use it.
    """
    out = []
    for index, (name, entries, what) in enumerate(tiers):
        packages = []
        for entry in entries:
            if ":" in entry:
                spec = package_of(entry)
            else:
                spec = entry + "/..."
            if spec not in packages:
                packages.append(spec)
        out += ["# %s\n" % line for line in textwrap.wrap(
            "Tier %s: %s." % (name, what), 76)]
        out.append("package_group(\n    name = \"%s\",\n    packages = [\n" % name)
        out += ['        "%s",\n' % p for p in packages]
        out.append("    ],\n)\n\n")
        if index + 1 < len(tiers):
            above = tiers[index + 1][0]
            if index + 2 < len(tiers):
                above += "_and_up"
            out.append("package_group(\n    name = \"%s_and_up\",\n"
                       "    includes = [\n        \":%s\",\n        \":%s\",\n"
                       "    ],\n)\n\n" % (name, name, above))
    return "".join(out)


def redraw(path, pattern, text, mode, what, problems):
    """Checks (or, in fix mode, rewrites) a generated block of a file."""
    content = open(path).read()
    block = pattern.search(content)
    if block is None:
        problems.append("%s has no generated block (%s)" % (path, pattern.pattern))
    elif block.group(2) != text:
        if mode == "fix":
            open(path, "w").write(content[:block.start(2)] + text + content[block.end(2):])
            print("layering: redrew %s in %s" % (what, path))
        else:
            problems.append("%s in %s differs from %s "
                            "(tools/layering_check.sh --fix redraws it)" % (what, path, TIERS))


def main():
    mode = sys.argv[1]
    tiers = read_tiers()
    if mode == "draw":
        # Before `bazel query`, which needs the package_groups to load.
        redraw(DOC, DOC_BLOCK, tier_table(tiers), "fix", "the tier table", [])
        redraw(GROUPS, GROUPS_BLOCK, package_groups(tiers), "fix",
               "the tiers' package_groups", [])
        return 0
    rules_path, edges_path = sys.argv[2:]
    units = Units(tiers)
    rules = set(open(rules_path).read().split())
    problems = []

    # The unit-level graph.
    graph = {}
    for src, dst in read_edges(edges_path, rules):
        a, b = units.unit(src), units.unit(dst)
        if a != b:
            graph.setdefault(a, set()).add(b)
    for rule in sorted(rules):
        unit = units.unit(rule)
        if units.tier(unit) is None:
            problems.append("%s has no tier: add its package to %s" % (unit, TIERS))
            graph.setdefault(unit, set())
    if mode == "graph":
        for a in sorted(graph):
            for b in sorted(graph[a]):
                print("%s -> %s" % (a, b))
        return 0

    # Violations: dependencies pointing up, and pairs depending both ways.
    found = set()
    for a in graph:
        for b in graph[a]:
            ta, tb = units.tier(a), units.tier(b)
            if ta is not None and tb is not None and tb > ta:
                found.add("%s -> %s" % (a, b))
            if a < b and a in graph.get(b, ()):
                found.add("%s <-> %s" % (a, b))
    allowed = set()
    for line in open(ALLOWLIST):
        line = line.split("#")[0].strip()
        if line:
            allowed.add(" ".join(line.split()))
    names = [t[0] for t in tiers]
    for v in sorted(found - allowed):
        if "<->" in v:
            problems.append("%s: the two depend on each other" % v)
        else:
            a, b = v.split(" -> ")
            problems.append("%s: points up (tier %s -> tier %s)" % (
                v, names[units.tier(a)], names[units.tier(b)]))
    for v in sorted(allowed - found):
        problems.append("%s: no longer occurs; delete its line from %s" % (v, ALLOWLIST))

    # Longer cycles, left once the pairs (reported or allowed) are set aside.
    pairs = {v for v in found | allowed if "<->" in v}
    rest = {a: {b for b in bs if "%s <-> %s" % tuple(sorted((a, b))) not in pairs}
            for a, bs in graph.items()}
    for component in cycles(rest):
        problems.append("cycle among %s" % ", ".join(component))

    # What is drawn from tiers.txt: the table in the docs, the package_groups.
    redraw(DOC, DOC_BLOCK, tier_table(tiers), mode, "the tier table", problems)
    redraw(GROUPS, GROUPS_BLOCK, package_groups(tiers), mode,
           "the tiers' package_groups", problems)

    for p in problems:
        print("layering: " + p)
    if problems:
        print("layering check: FAILED")
        return 1
    print("layering check: %d units, %d dependencies, %d known violations "
          "(%s), no new one" % (len(graph), sum(map(len, graph.values())),
                                len(allowed), ALLOWLIST))
    return 0


if __name__ == "__main__":
    sys.exit(main())
