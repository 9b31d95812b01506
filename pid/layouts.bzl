"""Semantic tests that run once per task layout (pid/task_layout.h).

cc_test_both_layouts(name = "x_test", ...) makes x_test (the default, flat
layout) and x_test_kernel_layout, the same binary run with
VZSIM_TASK_LAYOUT=kernel, so that every Kernel it builds without choosing a
layout gets the kernel's pid hashes, lists and slabs. `kernel_env` adds to
or overrides the environment of the second one only.
"""

def cc_test_both_layouts(name, env = {}, kernel_env = {}, **kwargs):
    native.cc_test(name = name, env = env, **kwargs)
    second = dict(env)
    second.update(kernel_env)
    second["VZSIM_TASK_LAYOUT"] = "kernel"
    native.cc_test(name = name + "_kernel_layout", env = second, **kwargs)
