/*
 * ln [-s] target name: gives the file `target` another name (a hard
 * link), or with -s makes `name` a symbolic link whose text is `target`.
 * When `name` is a directory, the new name goes into it, called as the
 * last part of `target`.
 */
#define _POSIX_C_SOURCE 200809L	/* strdup, symlink under -std=c11 */

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* `name`, or `name`/(last part of target) when `name` is a directory. */
static char *
new_name(const char *target, const char *name)
{
	struct stat st;
	const char *last = strrchr(target, '/');
	char *p;

	if (stat(name, &st) < 0 || !S_ISDIR(st.st_mode))
		return strdup(name);
	last = last ? last + 1 : target;
	p = malloc(strlen(name) + strlen(last) + 2);
	if (p)
		sprintf(p, "%s/%s", name, last);
	return p;
}

int
main(int argc, char **argv)
{
	int opt, sym = 0, r;
	char *name;

	while ((opt = getopt(argc, argv, "s")) != -1) {
		if (opt != 's')
			goto usage;
		sym = 1;
	}
	if (argc - optind != 2)
		goto usage;
	name = new_name(argv[optind], argv[optind + 1]);
	if (!name) {
		perror("ln");
		return 1;
	}
	r = sym ? symlink(argv[optind], name) : link(argv[optind], name);
	if (r < 0) {
		fprintf(stderr, "ln: %s -> %s: %s\n", argv[optind], name,
		    strerror(errno));
		free(name);
		return 1;
	}
	free(name);
	return 0;
usage:
	fprintf(stderr, "usage: ln [-s] target name\n");
	return 2;
}
