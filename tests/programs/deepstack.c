/*
 * The stack is mapped as it grows (only its top at exec): a program may
 * use all 64 KiB, and the kernel may write into stack pages the program
 * never touched.
 *   deepstack   reads /bin/hello into a 48 KiB buffer on its stack, and
 *               again into a static one, and compares the two
 */
#include <string.h>

#include "libnexus.h"

#define SIZE	(48 * 1024)

static uint8_t again[SIZE];

/* Reads up to SIZE bytes of `path` into `buf`: how many, or an error. */
static long
slurp(const char *path, uint8_t *buf)
{
	long fd = nx_open(path, 0), n, got = 0;

	if (fd < 0)
		return fd;
	while (got < SIZE && (n = nx_fread(fd, buf + got, SIZE - got)) > 0)
		got += n;
	nx_close(fd);
	return got;
}

int
main(void)
{
	uint8_t buf[SIZE];
	long n = slurp("/bin/hello", buf);

	if (n <= 0 || slurp("/bin/hello", again) != n ||
	    memcmp(buf, again, (size_t)n) != 0) {
		nx_printf("deepstack: the reads differ (%ld)\n", n);
		return 1;
	}
	nx_printf("deepstack: %ld bytes, same\n", n);
	return 0;
}
