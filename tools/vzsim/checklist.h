// `vzsim rules` and `vzsim check --arch NAME`: the porting-rule catalog and
// an architecture's checklist, as plain text that reads well in a terminal
// and in a log.
#ifndef VZSIM_TOOLS_VZSIM_CHECKLIST_H_
#define VZSIM_TOOLS_VZSIM_CHECKLIST_H_

#include <ostream>
#include <string>

#include "arch/arch.h"

namespace vzsim {

// The catalog: each rule's id, title, why it matters and what to do.
std::string RenderRules();

// The same catalog as Markdown, one block per rule between the markers
// "<!-- catalog:R1 -->" and "<!-- /catalog:R1 -->": a heading, then the
// "Why." and "Instead." paragraphs wrapped at 76 columns. The porting guide
// holds these blocks verbatim; tools/docs_check.sh keeps them equal.
std::string RenderRulesMarkdown();

// Runs every rule's check on `arch` and prints one line per rule (PASS or
// FAIL with the explanation, and on failure what to call instead), then a
// summary. Returns the number of failed rules.
int RunChecklist(const arch_ops& arch, std::ostream& out);

}  // namespace vzsim

#endif  // VZSIM_TOOLS_VZSIM_CHECKLIST_H_
