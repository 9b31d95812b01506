// Scoring portcheck against a port (eval.h).
#include "tools/portcheck/eval.h"

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "arch/rules.h"

namespace vzsim::portcheck {
namespace {

namespace fs = std::filesystem;

std::string Normal(const std::string& dir) {
  std::string s = fs::path(dir).lexically_normal().string();
  while (s.size() > 1 && s.back() == '/') s.pop_back();
  return s;
}

// A finding's file relative to the tree's root ("" when outside it).
std::string Rel(const std::string& file, const std::string& root) {
  const std::string f = fs::path(file).lexically_normal().string();
  return absl::StartsWith(f, root + "/") ? f.substr(root.size() + 1) : "";
}

bool Exists(const std::string& path) {
  std::error_code ec;
  return fs::exists(path, ec);
}

// The leading components the diff's paths carry before the trees' own
// ("arch/ia64/"), voted on by the files found under either root.
std::string FindPrefix(const std::vector<FileDiff>& diff, const Trees& t) {
  std::map<std::string, int> votes;
  for (const FileDiff& fd : diff) {
    for (const std::string& p : {fd.old_path, fd.new_path}) {
      if (p.empty()) continue;
      std::vector<std::string> parts = absl::StrSplit(p, '/');
      for (size_t k = 0; k < parts.size() && k < 5; ++k) {
        const std::string rest =
            absl::StrJoin(parts.begin() + k, parts.end(), "/");
        if (Exists(t.vanilla + "/" + rest) || Exists(t.ported + "/" + rest)) {
          ++votes[p.substr(0, p.size() - rest.size())];
          break;
        }
      }
    }
  }
  std::string best;
  int most = 0;
  for (const auto& [prefix, n] : votes) {
    if (n > most) {
      best = prefix;
      most = n;
    }
  }
  return most == 0 ? "\n" : best;  // "\n": nothing matches
}

bool Near(int line, int first, int last) {
  return line >= first - kNear && line <= last + kNear;
}

// The finding of `report` at the site, on the vanilla side or the ported
// side; -1 if none. Errors first, so a wrong severity shows.
int FindAt(const Report& report, const std::string& root, const Site& s,
           bool ported, bool errors_only) {
  int best = -1;
  for (size_t k = 0; k < report.findings.size(); ++k) {
    const Finding& f = report.findings[k];
    const std::string& fn = ported ? s.ported_function : s.function;
    if (f.rule != s.rule || Rel(f.file, root) != s.file) continue;
    if (!fn.empty() && f.function != fn) continue;
    if (!Near(f.line, ported ? s.new_first : s.old_first,
              ported ? s.new_last : s.old_last)) {
      continue;
    }
    if (errors_only && f.severity != Severity::kError) continue;
    // The nearest finding, errors before notes so a severity that differs
    // shows.
    const int at = ported ? s.new_first : s.old_first;
    const auto rank = [&](const Finding& g) {
      return std::make_pair(g.severity == Severity::kError ? 0 : 1,
                            std::abs(g.line - at));
    };
    if (best < 0 || rank(f) < rank(report.findings[best])) {
      best = static_cast<int>(k);
    }
  }
  return best;
}

void Score(Evaluation* e) {
  for (const PortingRule& r : PortingRules()) e->rules[r.id];
  for (const Site& s : e->sites) {
    RuleScore& score = e->rules[s.rule];
    const int found = FindAt(e->vanilla, e->trees.vanilla, s, false, false);
    const int alarm = FindAt(e->ported, e->trees.ported, s, true, true);
    e->found.push_back(found);
    e->alarm.push_back(alarm);
    ++score.sites;
    score.found += found >= 0;
    score.false_alarms += alarm >= 0;
    score.wrong_severity +=
        found >= 0 && e->vanilla.findings[found].severity != s.expect;
  }
  for (const Finding& f : e->ported.findings) {
    bool at_site = false;
    for (const Site& s : e->sites) {
      at_site = at_site ||
                (f.rule == s.rule && Rel(f.file, e->trees.ported) == s.file &&
                 Near(f.line, s.new_first, s.new_last));
    }
    if (at_site) continue;
    RuleScore& score = e->rules[f.rule];
    (f.severity == Severity::kError ? score.left_alone_errors
                                    : score.left_alone_notes)++;
  }
}

std::string Percent(int num, int den) {
  return den == 0 ? "-" : absl::StrFormat("%.0f%%", 100.0 * num / den);
}

}  // namespace

bool Evaluation::MeetsTargets() const {
  for (const auto& [rule, s] : rules) {
    if (s.false_alarms > 0) return false;
    if (s.sites > 0 && s.found * 100 < 95 * s.sites) return false;
  }
  return true;
}

absl::StatusOr<Evaluation> Evaluate(const std::string& vanilla,
                                    const std::string& ported,
                                    absl::string_view patch) {
  absl::StatusOr<std::vector<FileDiff>> diff = ParsePatch(patch);
  if (!diff.ok()) return diff.status();
  Evaluation e;
  e.trees.vanilla = Normal(vanilla);
  e.trees.ported = Normal(ported);
  e.arch = fs::path(e.trees.vanilla).filename().string();
  absl::StatusOr<Report> v = ScanPaths({e.trees.vanilla});
  if (!v.ok()) return v.status();
  absl::StatusOr<Report> p = ScanPaths({e.trees.ported});
  if (!p.ok()) return p.status();
  e.vanilla = *std::move(v);
  e.ported = *std::move(p);
  e.trees.prefix = FindPrefix(*diff, e.trees);
  if (e.trees.prefix == "\n") {
    return absl::InvalidArgumentError(
        "the patch names no file of the trees given");
  }
  e.sites = DeriveSites(*diff, e.trees, &e.diff);
  Score(&e);
  return e;
}

namespace {

std::string Side(const Report& r, int k) {
  if (k < 0) return "nothing";
  const Finding& f = r.findings[k];
  return absl::StrCat(f.rule, " ",
                      f.severity == Severity::kError ? "error" : "note", " at ",
                      f.line);
}

void RenderTable(const Evaluation& e, std::string* out) {
  absl::StrAppend(out,
                  "rule  title                       sites found recall "
                  "as-other-level false-alarms  left alone (ported tree)\n");
  for (const PortingRule& r : PortingRules()) {
    const RuleScore& s = e.rules.at(r.id);
    absl::StrAppendFormat(out,
                          "%-5s %-26s %6d %5d %6s %14d %12d  %d error(s), "
                          "%d note(s)\n",
                          r.id, r.title, s.sites, s.found,
                          Percent(s.found, s.sites), s.wrong_severity,
                          s.false_alarms, s.left_alone_errors,
                          s.left_alone_notes);
  }
}

}  // namespace

std::string RenderEvaluation(const Evaluation& e) {
  std::string out = absl::StrCat("portcheck_eval: ", e.arch, "\n");
  int v_errors = 0, p_errors = 0;
  for (const Finding& f : e.vanilla.findings) {
    v_errors += f.severity == Severity::kError;
  }
  for (const Finding& f : e.ported.findings) {
    p_errors += f.severity == Severity::kError;
  }
  absl::StrAppend(
      &out, "  vanilla ", e.trees.vanilla, ": ", e.vanilla.files_scanned,
      " file(s), ", e.vanilla.findings.size(), " finding(s), ", v_errors,
      " error(s)\n  ported  ", e.trees.ported, ": ", e.ported.files_scanned,
      " file(s), ", e.ported.findings.size(), " finding(s), ", p_errors,
      " error(s)\n");
  absl::StrAppend(&out, "  diff: ", e.diff.files, " file(s) (", e.diff.outside,
                  " outside the trees, paths under ", e.trees.prefix, "), ",
                  e.diff.blocks, " changed block(s) in C and assembly, ",
                  e.diff.attributed, " tied to a rule\n\n");
  RenderTable(e, &out);
  absl::StrAppend(&out, "\n",
                  e.MeetsTargets() ? "targets met" : "TARGETS MISSED",
                  ": recall >= 95% for each rule with sites, no false alarm\n");
  absl::StrAppend(&out,
                  "\nsites (vanilla lines; what portcheck reports on "
                  "each tree):\n");
  for (size_t k = 0; k < e.sites.size(); ++k) {
    const Site& s = e.sites[k];
    absl::StrAppendFormat(
        &out, "  %-3s %s:%d-%d %s%s  [%s]\n      vanilla: %s   ported: %s\n",
        s.rule, s.file, s.old_first, s.old_last, s.function,
        s.expect == Severity::kNote ? " (host-only: a note is right)" : "",
        s.evidence, Side(e.vanilla, e.found[k]),
        e.alarm[k] < 0 ? "no error" : Side(e.ported, e.alarm[k]));
  }
  if (!e.diff.new_code.empty()) {
    absl::StrAppend(&out,
                    "\nnew code (outside every vanilla function, so "
                    "not a site):\n");
    for (const auto& [rule, what] : e.diff.new_code) {
      for (const std::string& w : what) {
        absl::StrAppend(&out, "  ", rule, "  ", w, "\n");
      }
    }
  }
  return out;
}

}  // namespace vzsim::portcheck
