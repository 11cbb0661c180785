/* A system call nobody implements: an error, not a crash. */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

int
main(void)
{
	long r = syscall(1000);

	printf("syscall 1000: %ld (%s)\n", r, strerror(errno));
	return 0;
}
