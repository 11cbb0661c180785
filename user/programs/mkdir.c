/*
 * mkdir [-p] dir...: makes each directory.  -p makes the missing
 * directories on the way as well, and takes a directory that is there
 * already as made.
 */
#define _POSIX_C_SOURCE 200809L	/* strdup under -std=c11 */

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static int parents;

/* With -p, a name that is there is fine if it is a directory. */
static int
make(const char *path)
{
	struct stat st;
	int err;

	if (mkdir(path, 0777) == 0)
		return 0;
	err = errno;
	if (parents && err == EEXIST && stat(path, &st) == 0 &&
	    S_ISDIR(st.st_mode))
		return 0;
	fprintf(stderr, "mkdir: %s: %s\n", path, strerror(err));
	return -1;
}

/* Every directory up to each slash of `path`, then `path` itself. */
static int
make_all(const char *path)
{
	char *p = strdup(path);
	int r = 0;

	if (!p) {
		fprintf(stderr, "mkdir: %s: %s\n", path, strerror(errno));
		return -1;
	}
	for (char *s = p + 1; *s && r == 0; s++) {
		if (*s != '/' || s[-1] == '/')
			continue;
		*s = '\0';
		r = make(p);
		*s = '/';
	}
	if (r == 0)
		r = make(p);
	free(p);
	return r;
}

int
main(int argc, char **argv)
{
	int opt, status = 0;

	while ((opt = getopt(argc, argv, "p")) != -1) {
		if (opt != 'p')
			goto usage;
		parents = 1;
	}
	if (optind == argc)
		goto usage;
	for (int i = optind; i < argc; i++) {
		if ((parents ? make_all(argv[i]) : make(argv[i])) < 0)
			status = 1;
	}
	return status;
usage:
	fprintf(stderr, "usage: mkdir [-p] dir...\n");
	return 2;
}
