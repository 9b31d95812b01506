// The bridge between the reference model and the kernel it checks: reads
// the kernel's state and reports the first place where it differs from the
// model's. The model itself never looks at the kernel.
#ifndef VZSIM_TESTS_PROPERTY_MODEL_COMPARE_H_
#define VZSIM_TESTS_PROPERTY_MODEL_COMPARE_H_

#include <string>
#include <vector>

#include "kernel/kernel.h"
#include "tests/property/reference_model.h"

namespace vzsim {

// Every task (pids, VE, beancounter, group, parent, state, which tasks
// share an address space), every VE, every beancounter (held, failcnt,
// barrier, limit) and every address space's page counts; the address spaces
// of the tasks in `deep` page by page as well. "" if all agree.
std::string CompareWithModel(Kernel& k, const model::ReferenceModel& m,
                             const std::vector<pid_t>& deep);

}  // namespace vzsim

#endif  // VZSIM_TESTS_PROPERTY_MODEL_COMPARE_H_
