/*
 * Hostile program for the end-to-end tests: does one forbidden thing,
 * chosen by argv[1], and must be ended by the kernel with a report.
 */
#include <string.h>

#include "libnexus.h"

static void
write_to(uintptr_t addr)
{
	*(volatile uint64_t *)addr = 0x5151;
}

static uint64_t
read_from(uintptr_t addr)
{
	return *(volatile uint64_t *)addr;
}

/* Runs into the guard page below the stack. */
static int
recurse(int n)
{
	volatile char frame[512];

	frame[0] = (char)n;
	if (n < 0)		/* never: only to tell the compiler it ends */
		return 0;
	return recurse(n + 1) + frame[0];
}

static void
misaligned_amo(void)
{
	static uint64_t word[2];
	int v = 1;

	__asm__ volatile("amoadd.w %0, %0, (%1)" : "+r"(v) :
	    "r"((uintptr_t)word + 1) : "memory");
}

/* Grows the heap until the kernel says no; that is not a crash. */
static int
eat_heap(void)
{
	unsigned long mib = 0;
	char *p;

	while ((intptr_t)(p = nx_sbrk(1 << 20)) > 0) {
		p[0] = 1;		/* the memory is really there */
		p[(1 << 20) - 1] = 1;
		mib++;
	}
	nx_printf("crash: heap full after %lu MiB: %s\n", mib,
	    nx_strerror((intptr_t)p));
	return 0;
}

int
main(int argc, char **argv)
{
	const char *how = argc > 1 ? argv[1] : "null";

	nx_printf("crash: %s\n", how);
	if (strcmp(how, "null") == 0)
		write_to(0);
	else if (strcmp(how, "kernel-write") == 0)
		write_to(0x80200000);
	else if (strcmp(how, "kernel-read") == 0)
		nx_printf("read %lx\n", (unsigned long)read_from(0x80200000));
	else if (strcmp(how, "text") == 0)
		write_to((uintptr_t)main);
	else if (strcmp(how, "jump0") == 0)
		((void (*)(void))0)();
	else if (strcmp(how, "illegal") == 0)
		__asm__ volatile(".word 0");
	else if (strcmp(how, "satp") == 0)
		__asm__ volatile("csrw satp, zero");
	else if (strcmp(how, "systable") == 0)
		write_to(NX_SYSTABLE_VA);
	else if (strcmp(how, "stack") == 0)
		nx_printf("depth %d\n", recurse(1));
	else if (strcmp(how, "misaligned") == 0)
		misaligned_amo();
	else if (strcmp(how, "spin") == 0)
		for (;;)
			;
	else if (strcmp(how, "sleep") == 0)	/* an hour, or a kill */
		nx_call(CMD_TIME_SLEEP, 3600ull * 1000000000ull);
	else if (strcmp(how, "heap") == 0)
		return eat_heap();
	nx_print("crash: still alive\n");
	return 1;
}
