#!/usr/bin/env bash
# Prepares a Debian 12 (bookworm) machine to build vzsim, as root:
#   ./setup.sh
# Installs Bazel 4.2.3 and the toolchain from Debian's archive, and unpacks the
# source packages of Abseil and Google Benchmark into third_party/ (git-ignored)
# so that Bazel compiles them with our flags and sanitizers. Nothing is
# downloaded at build time. Idempotent: once everything is in place it checks
# and returns without printing anything.
set -euo pipefail
cd "$(dirname "$0")"
export DEBIAN_FRONTEND=noninteractive

packages=(
  bazel-bootstrap bazel-rules-java bazel-skylib bazel-platforms
  g++ clang libclang-rt-14-dev dpkg-dev python3 googletest
)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'ok installed' ||
    missing+=("$p")
done
if ((${#missing[@]})); then
  echo "setup: installing ${missing[*]}"
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# Source packages: Debian's copies of upstream Abseil and Google Benchmark,
# which ship their own BUILD.bazel files. Built from source, they are
# instrumented by --config=asan / --config=tsan like our code, and Benchmark is
# optimised under -c opt (Debian's prebuilt libbenchmark is a DEBUG build).
fetch_source() {  # fetch_source <debian source package> <target dir>
  local pkg=$1 dest=$2 work
  [[ -f "$dest/WORKSPACE" ]] && return 0
  echo "setup: unpacking Debian source package '$pkg' into $dest"
  work=$(mktemp -d)
  mkdir -p "$work/sources.list.d" "$work/lists/partial" "$work/cache/archives/partial"
  # deb-src entries mirror the deb entries this machine already uses (same
  # archive, same bookworm suites), so no address is written here.
  : >"$work/src.list"
  for f in /etc/apt/sources.list /etc/apt/sources.list.d/*.list; do
    [[ -f "$f" ]] || continue
    sed -n 's/^deb \(.* bookworm.*\)/deb-src \1/p' "$f" >>"$work/src.list"
  done
  for f in /etc/apt/sources.list.d/*.sources; do
    [[ -f "$f" ]] && grep -q '^Suites:.*bookworm' "$f" || continue
    sed 's/^Types:.*/Types: deb-src/' "$f" >"$work/sources.list.d/$(basename "$f")"
  done
  # A private apt state: the system's sources.list stays untouched.
  local apt_src=(-o "Dir::Etc::SourceList=$work/src.list"
    -o "Dir::Etc::SourceParts=$work/sources.list.d"
    -o "Dir::State::Lists=$work/lists"
    -o "Dir::Cache=$work/cache"
    -o "APT::Sandbox::User=root")
  apt-get "${apt_src[@]}" update -qq
  (cd "$work" && apt-get "${apt_src[@]}" source -qq "$pkg" >/dev/null)
  rm -rf "$dest"
  mv "$work"/"$pkg"-*/ "$dest"
  rm -rf "$dest/debian" "$dest/.pc" "$work"
}

fetch_source abseil third_party/abseil-cpp
fetch_source benchmark third_party/benchmark
