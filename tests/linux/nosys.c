/*
 * System calls rumpk does not implement: an error, not a crash, and the
 * kernel names each one once however often the program tries it.
 * vhangup exists on Linux (EPERM without the capability), so only whether
 * the call returned is printed for it;
 * nobody implements number 1000.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

int
main(void)
{
	for (int i = 0; i < 3; i++) {
		long r;

		syscall(SYS_vhangup);
		printf("vhangup %d returned\n", i);
		r = syscall(1000);
		printf("syscall 1000: %ld (%s)\n", r, strerror(errno));
	}
	return 0;
}
