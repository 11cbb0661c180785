/*
 * Sockets: rumpk has none, of any family.  A program is told so with
 * EAFNOSUPPORT, which it can act on, and the kernel prints nothing.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>

int
main(void)
{
	int sv[2];
	int fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);

	printf("socket unix: %d %s\n", fd, strerror(errno));
	fd = socket(AF_INET, SOCK_DGRAM, 0);
	printf("socket inet: %d %s\n", fd, strerror(errno));
	printf("socketpair: %d %s\n", socketpair(AF_UNIX, SOCK_STREAM, 0, sv),
	    strerror(errno));
	return 0;
}
