// Unified diffs (`git diff`, `diff -u`) read into files, hunks and lines
// with both sides' line numbers: what `portcheck --patch` filters on and
// what the evaluation (eval.h) derives the port's sites from.
#ifndef VZSIM_TOOLS_PORTCHECK_PATCH_H_
#define VZSIM_TOOLS_PORTCHECK_PATCH_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace vzsim::portcheck {

struct DiffLine {
  char kind;  // ' ' (context), '-' (removed) or '+' (added)
  std::string text;
  int old_line;  // on the old side, for ' ' and '-'; else 0
  int new_line;  // on the new side, for ' ' and '+'; else 0
};

struct Hunk {
  int old_start, old_count, new_start, new_count;
  std::vector<DiffLine> lines;
};

struct FileDiff {
  std::string old_path, new_path;  // a/ and b/ taken off; empty for
                                   // /dev/null (a new or deleted file)
  std::vector<Hunk> hunks;
};

// The files of a unified diff. InvalidArgument when a hunk header is
// malformed or the text names no file.
absl::StatusOr<std::vector<FileDiff>> ParsePatch(absl::string_view text);

// Whether scanned file `file` is the patch's `path`: the same, or one ends
// with the other at a directory boundary ("/src/arch/x/a.c", "arch/x/a.c").
bool SamePath(absl::string_view file, absl::string_view path);

}  // namespace vzsim::portcheck

#endif  // VZSIM_TOOLS_PORTCHECK_PATCH_H_
