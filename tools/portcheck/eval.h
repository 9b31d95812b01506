// Measures portcheck against a real port. Given a vanilla architecture
// tree, its ported twin and the diff between them (the reference's
// patches/openvz-arch-<arch>.diff), it derives the sites the port changed
// for each rule from the diff's own content, runs portcheck on both trees
// and scores it per rule:
//   recall        sites found on the vanilla tree (same file, same
//                 function, within kNear lines of the changed lines);
//   false alarms  error-level findings on the ported tree at a site the
//                 port fixed;
//   left alone    findings on the ported tree away from every site: what
//                 the port did not change and portcheck still reports.
//
// How a changed block is tied to a rule (sites.cc): by the names it removes
// and adds, e.g. R3 when find_task_by_pid( goes and find_task_by_pid_ve(
// comes, R1 when ub_memory_charge() appears, R9 when system_utsname gives
// way to utsname() (or to init_utsname(): host-only output, where a note is
// the right answer). Function-level rules (R1, R7, R8, R10) give one site
// per function, the others one per changed block. A block outside every
// vanilla function (a new helper) is new code, not a site.
#ifndef VZSIM_TOOLS_PORTCHECK_EVAL_H_
#define VZSIM_TOOLS_PORTCHECK_EVAL_H_

#include <map>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "tools/portcheck/patch.h"
#include "tools/portcheck/portcheck.h"

namespace vzsim::portcheck {

// How far (in lines) from the changed lines a finding may be and still
// count for the site.
constexpr int kNear = 3;

struct Site {
  std::string rule;
  std::string file;      // relative to the architecture's directory
  std::string function;  // in the vanilla tree; R10: the exported symbol
  std::string ported_function;
  int old_first, old_last;  // vanilla lines
  int new_first, new_last;  // ported lines
  Severity expect;          // kNote where the port kept host-only output
  std::string evidence;     // what in the diff ties it to the rule
};

// What the diff held besides the sites.
struct DiffSummary {
  int files = 0, outside = 0;  // outside: not in the scanned trees
  int blocks = 0;              // changed blocks in the trees' C and asm
  int attributed = 0;          // blocks tied to a rule
  std::map<std::string, std::vector<std::string>> new_code;  // rule -> what
};

// Where the diff's files are: its paths start with `prefix` ("arch/i386/"),
// and the rest is the path under either root.
struct Trees {
  std::string vanilla, ported;
  std::string prefix;
};

// Derives the sites from a parsed diff. Reads the trees' files for
// function extents.
std::vector<Site> DeriveSites(const std::vector<FileDiff>& diff,
                              const Trees& trees, DiffSummary* summary);

struct RuleScore {
  // wrong_severity: found, but as a note where the port fixed an error (or
  // the other way round at host-only sites).
  int sites = 0, found = 0, wrong_severity = 0, false_alarms = 0;
  int left_alone_errors = 0, left_alone_notes = 0;
};

struct Evaluation {
  std::string arch;
  Trees trees;
  Report vanilla, ported;
  DiffSummary diff;
  std::vector<Site> sites;
  std::vector<int> found;  // per site: index into vanilla.findings, or -1
  std::vector<int> alarm;  // per site: index into ported.findings, or -1
  std::map<std::string, RuleScore> rules;  // every rule of the catalog

  // The targets: recall >= 95% for every rule with sites, no false alarm.
  bool MeetsTargets() const;
};

// Scans both trees and scores portcheck against the diff. NotFound or
// PermissionDenied for a tree that cannot be read, InvalidArgument for a
// patch that is not a unified diff or names no file of the trees.
absl::StatusOr<Evaluation> Evaluate(const std::string& vanilla,
                                    const std::string& ported,
                                    absl::string_view patch);

// The per-rule table, then every site with what was found on each side.
std::string RenderEvaluation(const Evaluation& e);

}  // namespace vzsim::portcheck

#endif  // VZSIM_TOOLS_PORTCHECK_EVAL_H_
