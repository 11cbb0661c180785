/*
 * A wait whose status cannot be written must not lose it: a wait whose
 * argument block is read-only (in .rodata; id 0 waits for any child)
 * fails with NX_EFAULT, and the next wait still gets the child's status.
 */
#include "libnexus.h"

static const NxWaitArgs readonly_args;

int
main(void)
{
	char *argv[] = { "/bin/status", "7", NULL };
	long id = nx_exec(argv[0], argv, NULL, 0, NULL, 0);
	NxWaitArgs w;
	long r;

	if (id < 0) {
		nx_printf("waitcheck: %s\n", nx_strerror(id));
		return 1;
	}
	r = nx_call(CMD_SYS_WAIT, (uintptr_t)&readonly_args);
	nx_printf("waitcheck: read-only block: %s\n",
	    r < 0 ? nx_strerror(r) : "accepted");
	r = nx_wait((uint32_t)id, &w);
	if (r != id) {
		nx_printf("waitcheck: then: %s\n",
		    r < 0 ? nx_strerror(r) : "another child");
		return 1;
	}
	nx_printf("waitcheck: then: status %d\n", w.status);
	return 0;
}
