/*
 * tee [-a] file...: copies standard input to standard output and to each
 * file, emptied first or, with -a, added to.  A file that cannot be
 * opened or written is named, and the others go on.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#define MAX_FILES	32

static int status;

/* All of buf, or -1. */
static int
write_all(int fd, const char *buf, size_t len)
{
	while (len) {
		ssize_t n = write(fd, buf, len);

		if (n < 0)
			return -1;
		buf += n;
		len -= (size_t)n;
	}
	return 0;
}

static void
fail(const char *what, int err)
{
	fprintf(stderr, "tee: %s: %s\n", what, strerror(err));
	status = 1;
}

int
main(int argc, char **argv)
{
	static char buf[4096];
	int fds[MAX_FILES], opt, flags = O_WRONLY | O_CREAT | O_TRUNC;
	int nfiles;
	ssize_t n;

	while ((opt = getopt(argc, argv, "a")) != -1) {
		if (opt != 'a') {
			fprintf(stderr, "usage: tee [-a] file...\n");
			return 2;
		}
		flags = O_WRONLY | O_CREAT | O_APPEND;
	}
	nfiles = argc - optind;
	if (nfiles > MAX_FILES) {
		fprintf(stderr, "tee: at most %d files\n", MAX_FILES);
		return 2;
	}
	for (int i = 0; i < nfiles; i++) {
		fds[i] = open(argv[optind + i], flags, 0666);
		if (fds[i] < 0)
			fail(argv[optind + i], errno);
	}
	while ((n = read(0, buf, sizeof(buf))) > 0) {
		if (write_all(1, buf, (size_t)n) < 0)
			fail("standard output", errno);
		for (int i = 0; i < nfiles; i++) {
			if (fds[i] >= 0 && write_all(fds[i], buf, (size_t)n) < 0) {
				fail(argv[optind + i], errno);
				close(fds[i]);
				fds[i] = -1;
			}
		}
	}
	if (n < 0)
		fail("standard input", errno);
	for (int i = 0; i < nfiles; i++) {
		if (fds[i] >= 0 && close(fds[i]) < 0)
			fail(argv[optind + i], errno);
	}
	return status;
}
