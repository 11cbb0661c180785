/*
 * Sends malformed commands through the ring: each must come back as the
 * right error, and the kernel must carry on.  Prints one line per case.
 */
#include "libnexus.h"

static int failures;

static void
expect(const char *what, int64_t got, int64_t want)
{
	if (got == want) {
		nx_printf("garbage: %s: ok\n", what);
		return;
	}
	nx_printf("garbage: %s: got %ld, want %ld\n", what, (long)got,
	    (long)want);
	failures++;
}

int
main(void)
{
	NxIoArgs io = { 0x80200000, 16 };
	NxIoArgs wild = { 0x12345678, 16 };
	NxExecArgs ea = { .path = 0x80200000 };
	char *argv[] = { "hello", 0 };

	expect("unknown kind", nx_call(0x7777, 0), NX_ENOSYS);
	expect("write from kernel memory", nx_call(CMD_CON_WRITE,
	    (uintptr_t)&io), NX_EFAULT);
	expect("write from unmapped memory", nx_call(CMD_CON_WRITE,
	    (uintptr_t)&wild), NX_EFAULT);
	expect("argument block in kernel memory", nx_call(CMD_CON_WRITE,
	    0x80200000), NX_EFAULT);
	expect("exec path in kernel memory", nx_call(CMD_SYS_EXEC,
	    (uintptr_t)&ea), NX_EFAULT);
	expect("exec of a missing file", nx_exec("/bin/nope", argv, 0,
	    NX_EXEC_REPLACE, 0, 0), NX_ENOENT);
	expect("exec with unknown flags", nx_exec("/bin/hello", argv, 0,
	    0x80, 0, 0), NX_EINVAL);
	nx_printf("garbage: %d failures\n", failures);
	return failures;
}
