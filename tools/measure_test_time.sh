#!/usr/bin/env bash
# Measures what a test command costs, cold and warm, the way a newcomer meets
# it: a fresh clone, empty Bazel caches and an empty third_party/.
#
#   tools/measure_test_time.sh                 # tools/test.sh (the full suite)
#   tools/measure_test_time.sh --fast          # tools/test.sh --fast
#   tools/measure_test_time.sh --ref main~3    # another commit
#   tools/measure_test_time.sh --touch pid/pid_map.cc
#
# It clones the repository at REF (default HEAD) into a scratch directory and
# runs the command there with a private HOME, so Bazel's output bases (the
# output user root, set explicitly as well, and the clang one of
# tools/clang_bazel.sh), the repository cache, the disk cache (.bazelrc's
# ~/.cache/vzsim-bazel-disk, redirected) and the thread-safety check's cache
# all start empty and nothing is shared with other checkouts' caches, and
# ./setup.sh unpacks the Abseil and Benchmark sources again. Where the
# reference kernel sits beside this checkout (../shared/reference), the clone
# gets it beside it too, as CI has it, so the tests that read it run. (The
# Debian packages setup.sh installs are not removed: on a fresh machine add
# their installation; docs/testing.md says how long it took.) That is the cold
# run. Then it adds a function to one source file (default kernel/fork.cc, a
# change every test links) and runs the command again: the warm run.
#
# For each step (each "--- ... ---" line the command prints) it reports the
# wall time and the CPU time of everything the command started, Bazel's
# server and its actions included. CPU time comes from a cpuacct cgroup when
# the machine lets us make one (root on cgroup v1); on a machine shared with
# other work it is the figure that stays comparable, the wall time is not.
# Output: the command's log and the tables in $VZSIM_MEASURE_DIR (default
# /tmp/vzsim-measure), the tables also on stdout, and at the end one Markdown
# table of both runs (wall minutes, CPU-seconds beside them) for
# docs/testing.md.
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$PWD

ref=HEAD
touch_file=kernel/fork.cc
mode=()
while (($#)); do
  case $1 in
    --fast) mode=(--fast) ;;
    --ref) ref=$2; shift ;;
    --touch) touch_file=$2; shift ;;
    *) echo "usage: $0 [--fast] [--ref REF] [--touch FILE]" >&2; exit 2 ;;
  esac
  shift
done

out=${VZSIM_MEASURE_DIR:-/tmp/vzsim-measure}
rm -rf "$out"
mkdir -p "$out/home"
# Bazel expands the ~ of .bazelrc's --disk_cache from the account's home, not
# from $HOME: point it into the private HOME through the user's bazelrc,
# which the client does read from $HOME.
cat >"$out/home/.bazelrc" <<EOF
startup --output_user_root=$out/home/.cache/bazel
build --disk_cache=$out/home/.cache/vzsim-bazel-disk
EOF
# Nothing from this environment may point the caches elsewhere.
unset XDG_CACHE_HOME TEST_TMPDIR
git clone -q "$repo" "$out/vzsim"
reference=no
if [[ -d $repo/../shared/reference ]]; then
  mkdir -p "$out/shared"
  ln -s "$(realpath "$repo/../shared/reference")" "$out/shared/reference"
  reference=yes
fi
git -C "$out/vzsim" checkout -q "$(git rev-parse "$ref")"
# Benchmark results and CPU time depend on this; record what ran where.
{
  echo "commit: $(git -C "$out/vzsim" log -1 --format='%h %s')"
  echo "command: tools/test.sh ${mode[*]:-}"
  echo "reference kernel beside the clone (its tests run): $reference"
  echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
  echo "load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
} | tee "$out/summary.txt"

# A cpuacct cgroup of our own, if we may make one.
cgroup=/sys/fs/cgroup/cpuacct/vzsim-measure-$$
if ! mkdir "$cgroup" 2>/dev/null; then cgroup=; fi
cpu_ns() { if [[ -n $cgroup ]]; then cat "$cgroup/cpuacct.usage"; else echo 0; fi; }
cleanup() {
  (cd "$out/vzsim" && HOME="$out/home" bazel shutdown >/dev/null 2>&1) || true
  (cd "$out/vzsim" && HOME="$out/home" bazel \
    --output_base="$out/home/.cache/vzsim-clang-bazel" shutdown >/dev/null 2>&1) || true
  if [[ -n $cgroup ]]; then
    local parent=${cgroup%/*} pid
    while read -r pid; do echo "$pid" >"$parent/cgroup.procs" 2>/dev/null || true; done \
      <"$cgroup/cgroup.procs"
    rmdir "$cgroup" 2>/dev/null || true
  fi
}
trap cleanup EXIT

# run NAME: runs the command in the clone, then prints one row per step.
run() {
  local name=$1 log="$out/$1.log" status=0
  (
    [[ -n $cgroup ]] && echo "$BASHPID" >"$cgroup/cgroup.procs"
    cd "$out/vzsim"
    start=$(date +%s%N) cpu0=$(cpu_ns)
    stamp() { echo "@@ $(( ($(date +%s%N) - start) / 1000000 )) $(( ($(cpu_ns) - cpu0) / 1000000 )) $1"; }
    stamp "(start: ./setup.sh)"
    HOME="$out/home" tools/test.sh "${mode[@]}" 2>&1 | while IFS= read -r line; do
      [[ $line == "--- "*" ---" ]] && stamp "$line"
      printf '%s\n' "$line"
    done
    rc=${PIPESTATUS[0]}
    stamp "(end)"
    exit "$rc"
  ) >"$log" || status=$?
  {
    echo
    echo "== $name run: exit status $status =="
    printf '%8s %8s  %s\n' "wall s" "CPU s" step
    grep '^@@ ' "$log" | awk '
      NR > 1 { printf "%8.1f %8.1f  %s\n", ($2 - t) / 1000, ($3 - c) / 1000, step }
      { t = $2; c = $3; step = substr($0, index($0, $4)) }
      END { printf "%8.1f %8.1f  total\n", t / 1000, c / 1000 }' | tee "$out/$name.rows"
    [[ -n $cgroup ]] || echo "(no cgroup: CPU times not measured)"
  } | tee -a "$out/summary.txt"
}

run cold
# A one-line code change (a new function, so the object really changes and
# every test that links it is relinked and rerun), kept clang-formatted.
echo 'int VzsimMeasureProbe() { return 1; }' >>"$out/vzsim/$touch_file"
run warm
# Both runs side by side, for docs/testing.md.
{
  echo
  echo "| step | cold | warm |"
  echo "|---|---:|---:|"
  awk -v cpu="${cgroup:+1}" '
    FNR == 1 { run++ }
    { step = substr($0, index($0, $3)); gsub(/^--- | ---$/, "", step)
      if (run == 1) { order[++n] = step }
      cell[run, step] = sprintf("%.1f min", $1 / 60) \
        (cpu ? sprintf(" (%.0f CPU-s)", $2) : "") }
    END { for (i = 1; i <= n; i++) {
            s = order[i]; name = (s == "total") ? "**total**" : s
            printf "| %s | %s | %s |\n", name, cell[1, s], cell[2, s] } }
  ' "$out/cold.rows" "$out/warm.rows"
  echo
  echo "(wall time, CPU-seconds in brackets where measured; $(nproc) cores; commit" \
    "$(git -C "$out/vzsim" log -1 --format=%h); warm: one function added to" \
    "$touch_file)"
  echo
  echo "changed for the warm run: $touch_file; logs in $out"
} | tee -a "$out/summary.txt"
