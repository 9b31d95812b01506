#!/usr/bin/env bash
# Bazel with clang, in an output base of its own (~/.cache/vzsim-clang-bazel),
# so that gcc's output base (bazel-* symlinks, analysis cache) stays as it is:
#
#   tools/clang_bazel.sh test --config=fuzz //pid/...
#
# tools/test.sh runs the suite's ASan + UBSan run through it and tools/fuzz.sh
# builds the fuzzers through it, with the same flags, so the two share every
# object. No bazel-* symlinks are made (--symlink_prefix=/); ask
# `tools/clang_bazel.sh info --config=fuzz bazel-bin` where the outputs are.
set -euo pipefail
cd "$(dirname "$0")/.."
command=$1
shift
case $command in
  build | test | run | info | coverage)
    set -- --symlink_prefix=/ "$@" ;;
esac
CC=clang CXX=clang++ exec bazel --output_base="$HOME/.cache/vzsim-clang-bazel" \
  "$command" "$@"
