/*
 * mtime path: how long ago the file was last modified and accessed, in
 * whole seconds of the wall clock.  mtime -set T path sets both times to
 * T seconds since 1970, so a test can make a file old and watch touch
 * make it new.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <time.h>

int
main(int argc, char **argv)
{
	struct stat st;
	time_t now = time(NULL);

	if (argc == 4 && strcmp(argv[1], "-set") == 0) {
		struct timeval tv[2] = { { atol(argv[2]), 0 },
		    { atol(argv[2]), 0 } };

		if (utimes(argv[3], tv) == 0)
			return 0;
		printf("mtime: %s: %s\n", argv[3], strerror(errno));
		return 1;
	}
	if (argc != 2) {
		printf("usage: mtime [-set T] path\n");
		return 2;
	}
	if (stat(argv[1], &st) < 0) {
		printf("mtime: %s: %s\n", argv[1], strerror(errno));
		return 1;
	}
	printf("mtime: %s: modified %lld s ago, accessed %lld s ago\n",
	    argv[1], (long long)(now - st.st_mtime),
	    (long long)(now - st.st_atime));
	return 0;
}
