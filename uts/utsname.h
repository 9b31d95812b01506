// Old name of uts/uts_table.h (SetUtsField, DefaultHostUtsname), kept for
// the code that still includes it.
#ifndef VZSIM_UTS_UTSNAME_H_
#define VZSIM_UTS_UTSNAME_H_

#include "uts/uts_table.h"

#endif  // VZSIM_UTS_UTSNAME_H_
