/* A fixture for the harness's tests (not kernel code). */
ENTRY(kernel_thread_helper)
	call do_exit
END(kernel_thread_helper)
