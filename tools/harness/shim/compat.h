/*
 * tools/harness/shim/compat.h: names vanilla 2.6.18 had that 028stab's
 * face (include/) renamed or removed, defined as what vanilla meant by
 * them, so that a vanilla tree's functions compile against the same face
 * and are judged on what they do. 028stab's own code uses none of them.
 */
#ifndef VZSIM_HARNESS_COMPAT_H
#define VZSIM_HARNESS_COMPAT_H

/* include/linux/utsname.h (vanilla): the one, global identity, which is
 * the host's (init_utsname() in 028stab) */
#define system_utsname (*init_utsname())

#endif /* VZSIM_HARNESS_COMPAT_H */
