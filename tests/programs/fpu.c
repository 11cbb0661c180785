/*
 * Two Subjects keep different values in every FPU register while the timer
 * switches between them; each checks its own registers survive.
 *   fpu        start a child doing the same, then check, then wait for it
 *   fpu child  only check
 */
#include <string.h>

#include "libnexus.h"

/* Fills f0..f31 with seed + i, spins ~`ns`, and counts registers changed. */
static int
hold_registers(double seed, int64_t ns)
{
	double in[32], out[32];
	int64_t start = nx_uptime_ns();
	int bad = 0;

	for (int i = 0; i < 32; i++)
		in[i] = seed + i;
	__asm__ volatile(
	    "fld f0, 0(%0)\n fld f1, 8(%0)\n fld f2, 16(%0)\n fld f3, 24(%0)\n"
	    "fld f4, 32(%0)\n fld f5, 40(%0)\n fld f6, 48(%0)\n fld f7, 56(%0)\n"
	    "fld f8, 64(%0)\n fld f9, 72(%0)\n fld f10, 80(%0)\n"
	    "fld f11, 88(%0)\n fld f12, 96(%0)\n fld f13, 104(%0)\n"
	    "fld f14, 112(%0)\n fld f15, 120(%0)\n fld f16, 128(%0)\n"
	    "fld f17, 136(%0)\n fld f18, 144(%0)\n fld f19, 152(%0)\n"
	    "fld f20, 160(%0)\n fld f21, 168(%0)\n fld f22, 176(%0)\n"
	    "fld f23, 184(%0)\n fld f24, 192(%0)\n fld f25, 200(%0)\n"
	    "fld f26, 208(%0)\n fld f27, 216(%0)\n fld f28, 224(%0)\n"
	    "fld f29, 232(%0)\n fld f30, 240(%0)\n fld f31, 248(%0)\n"
	    : : "r"(in) : "memory");
	/* Spin without touching the FPU: only a switch could change it. */
	while (nx_uptime_ns() - start < ns)
		;
	__asm__ volatile(
	    "fsd f0, 0(%0)\n fsd f1, 8(%0)\n fsd f2, 16(%0)\n fsd f3, 24(%0)\n"
	    "fsd f4, 32(%0)\n fsd f5, 40(%0)\n fsd f6, 48(%0)\n fsd f7, 56(%0)\n"
	    "fsd f8, 64(%0)\n fsd f9, 72(%0)\n fsd f10, 80(%0)\n"
	    "fsd f11, 88(%0)\n fsd f12, 96(%0)\n fsd f13, 104(%0)\n"
	    "fsd f14, 112(%0)\n fsd f15, 120(%0)\n fsd f16, 128(%0)\n"
	    "fsd f17, 136(%0)\n fsd f18, 144(%0)\n fsd f19, 152(%0)\n"
	    "fsd f20, 160(%0)\n fsd f21, 168(%0)\n fsd f22, 176(%0)\n"
	    "fsd f23, 184(%0)\n fsd f24, 192(%0)\n fsd f25, 200(%0)\n"
	    "fsd f26, 208(%0)\n fsd f27, 216(%0)\n fsd f28, 224(%0)\n"
	    "fsd f29, 232(%0)\n fsd f30, 240(%0)\n fsd f31, 248(%0)\n"
	    : : "r"(out) : "memory");
	for (int i = 0; i < 32; i++)
		bad += out[i] != in[i];
	return bad;
}

int
main(int argc, char **argv)
{
	char *child[] = { "/bin/fpu", "child", NULL };
	NxWaitArgs w;
	long id;
	int bad;

	if (argc > 1 && strcmp(argv[1], "child") == 0)
		return hold_registers(1000.5, 100000000);
	id = nx_exec(child[0], child, NULL, 0, NULL, 0);
	if (id < 0) {
		nx_printf("fpu: %s\n", nx_strerror(id));
		return 1;
	}
	bad = hold_registers(-7.25, 100000000);
	nx_wait((uint32_t)id, &w);
	nx_printf("fpu: parent %d changed, child %d changed\n", bad,
	    w.how == NX_WAIT_EXITED ? w.status : -1);
	return bad || w.status;
}
