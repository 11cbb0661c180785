/*
 * A page of read-only data made writable with mprotect and changed.  On
 * rumpk that page is shared by every run of the file, so the program must
 * get a copy of its own: a second run still sees the original.
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>

static const char page[4096] __attribute__((aligned(4096))) = "original";

int
main(void)
{
	char *w = (char *)(uintptr_t)page;

	printf("before: %s\n", page);
	if (mprotect(w, sizeof(page), PROT_READ | PROT_WRITE) != 0) {
		perror("mprotect");
		return 1;
	}
	__asm__ volatile("" : "+r"(w));	/* the compiler knows nothing */
	strcpy(w, "changed");
	printf("after: %s\n", w);
	return 0;
}
