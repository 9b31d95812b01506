#!/usr/bin/env bash
# README.md's first command: installs what is missing (./setup.sh, quiet once
# done), builds the vzsim tool and runs its demo. Arguments replace `demo`
# (e.g. tools/demo.sh --help).
set -euo pipefail
cd "$(dirname "$0")/.."
./setup.sh
((${#})) || set -- demo
bazel build --ui_event_filters=-info --noshow_progress --show_result=0 \
  //tools/vzsim
exec bazel-bin/tools/vzsim/vzsim "$@"
