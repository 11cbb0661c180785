/* Opens /dev/null until the descriptors run out; rumpk has 256 per
 * Subject (0-2 already open), and the next open and dup say EMFILE. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

int
main(void)
{
	int n = 0, last = -1, fd;

	while ((fd = open("/dev/null", O_RDONLY)) >= 0) {
		last = fd;
		n++;
	}
	printf("opened %d, the last %d, then %s\n", n, last, strerror(errno));
	printf("dup: %s\n", dup(0) < 0 ? strerror(errno) : "?");
	close(100);
	printf("after a close: %d\n", open("/dev/null", O_RDONLY));
	return 0;
}
