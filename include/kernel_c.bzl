"""kernel_c_library(): kernel-style C compiled against the kernel face.

    load("//include:kernel_c.bzl", "kernel_c_library")

    kernel_c_library(
        name = "i386",
        srcs = ["kernel/process.c", "kernel/traps.c"],
        asm_dir = "include",    # optional: this package's asm/ headers
        kbuild = "kbuild.h",    # optional: force-included first
    )

The sources include the face as the kernel includes its headers
(<linux/sched.h>, <ub/beancounter.h>), are compiled as the 2.6.18 kernel
compiled C (-std=gnu89, its warnings), and must not reach libc:

  - -nostdinc drops every system directory from the search path: glibc's,
    and the compiler's own (<stddef.h>, <stdarg.h>). The kernel keeps the
    compiler's directory (-isystem $(CC -print-file-name=include)); a Bazel
    macro cannot ask the compiler where that is, and gcc and clang keep it
    in different places, so the face provides what the kernel took from
    there itself (NULL and offsetof in <linux/stddef.h>, through compiler
    builtins). The same flags then work with gcc and with clang.
  - -I <workspace>/include puts the face first; with `asm_dir`, that
    package directory comes before it, so an architecture's own <asm/...>
    headers win over the face's generic ones.
  - -ffreestanding: no hosted-environment assumptions about library calls.
  - CONFIG_VE is defined (by //include, for C and C++ alike), as in an
    OpenVZ kernel's configuration; `vanilla = True` builds the code as
    vanilla 2.6.18 was built, without it.
  - `kbuild`, a header of the package, is read before each source (the
    kernel's build reads include/linux/autoconf.h that way): a port names
    its __ksymtab section there and gives its global functions link names
    of their own, so that four architectures' die() and kernel_thread()
    live in one program.
  - alwayslink: a file that only exports (EXPORT_SYMBOL) is kept.
"""

_FACE_DIR = Label("//include:kernel_c.bzl").workspace_root or "."

# The warnings of the 2.6.18 top-level Makefile, as errors: code here is new
# or is kernel code that built cleanly with them.
KERNEL_C_COPTS = [
    "-std=gnu89",
    "-nostdinc",
    "-ffreestanding",
    "-fno-strict-aliasing",
    "-fno-common",
    "-Wall",
    "-Wundef",
    "-Wstrict-prototypes",
    "-Wno-trigraphs",
    "-Wdeclaration-after-statement",
    "-Werror-implicit-function-declaration",
    "-Werror",
]

def kernel_c_library(name, srcs, asm_dir = None, asm_path = None, kbuild = None, vanilla = False, copts = [], deps = [], **kwargs):
    """A cc_library of kernel-style C against the kernel face.

    Args:
      name: the target name.
      srcs: the .c files (and any private .h files).
      asm_dir: a directory of this package searched before the face, for
        an architecture's <asm/...> headers; None for the face's own.
      asm_path: instead, another package's such directory, by its path
        from the workspace root (its headers come through `deps`).
      kbuild: a header of this package read before every source, or None.
      vanilla: build without CONFIG_VE, as vanilla 2.6.18.
      copts: further compiler flags.
      deps: further dependencies (other kernel_c_library targets).
      **kwargs: passed to cc_library (visibility, testonly, ...).
    """
    pkg = _FACE_DIR + "/" + native.package_name()
    includes = []
    if asm_dir:
        includes.append("-I" + pkg + "/" + asm_dir)
    if asm_path:
        includes.append("-I" + _FACE_DIR + "/" + asm_path)
    includes.append("-I" + _FACE_DIR + "/include")
    if kbuild:
        includes += ["-include", pkg + "/" + kbuild]
    if vanilla:
        includes.append("-UCONFIG_VE")
    hdrs = native.glob([(asm_dir + "/**/*.h")]) if asm_dir else []
    native.cc_library(
        name = name,
        srcs = srcs + hdrs + ([kbuild] if kbuild else []),
        copts = KERNEL_C_COPTS + includes + copts,
        deps = deps + [Label("//include")],
        alwayslink = True,
        **kwargs
    )
