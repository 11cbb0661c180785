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
	nx_print("crash: still alive\n");
	return 1;
}
