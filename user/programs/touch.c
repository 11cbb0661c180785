/*
 * touch file...: sets each file's access and modification times to now,
 * or makes it, empty, when it is not there.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/time.h>
#include <unistd.h>

static int
touch(const char *path)
{
	int fd;

	if (utimes(path, NULL) == 0)
		return 0;
	if (errno != ENOENT)
		return -1;
	fd = open(path, O_WRONLY | O_CREAT, 0666);
	if (fd < 0)
		return -1;
	return close(fd);
}

int
main(int argc, char **argv)
{
	int status = 0;

	if (argc < 2) {
		fprintf(stderr, "usage: touch file...\n");
		return 2;
	}
	for (int i = 1; i < argc; i++) {
		if (touch(argv[i]) < 0) {
			fprintf(stderr, "touch: %s: %s\n", argv[i],
			    strerror(errno));
			status = 1;
		}
	}
	return status;
}
