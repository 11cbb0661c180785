/*
 * rm [-r] [-f] path...: removes each name.  A directory goes only with
 * -r, after everything in it (links are removed, never followed).  -f
 * says nothing about names that are not there and makes no operand
 * necessary.  "." and ".." and "/" are refused, as on Linux.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "dir_names.h"

static int recursive, force, status;

static void
fail(const char *path, int err)
{
	if (force && err == ENOENT)
		return;
	fprintf(stderr, "rm: %s: %s\n", path, strerror(err));
	status = 1;
}

static void remove_path(const char *path);

static void
remove_tree(const char *dir)
{
	size_t count;
	char *names = dir_names(dir, &count), *name = names;

	if (!names) {
		fail(dir, errno);
		return;
	}
	for (size_t i = 0; i < count; i++, name += strlen(name) + 1) {
		char *path = path_join(dir, name);

		if (!path) {
			fail(dir, errno);
			break;
		}
		remove_path(path);
		free(path);
	}
	free(names);
	if (rmdir(dir) < 0)
		fail(dir, errno);
}

static void
remove_path(const char *path)
{
	struct stat st;

	if (lstat(path, &st) < 0) {
		fail(path, errno);
		return;
	}
	if (!S_ISDIR(st.st_mode)) {
		if (unlink(path) < 0)
			fail(path, errno);
		return;
	}
	if (!recursive) {
		fail(path, EISDIR);
		return;
	}
	remove_tree(path);
}

/* The last name of `path` is "." or "..", or the path is all slashes. */
static int
refused(const char *path)
{
	size_t len = strlen(path);
	const char *last;

	while (len > 1 && path[len - 1] == '/')
		len--;
	if (len == 1 && path[0] == '/')
		return 1;
	last = path + len;
	while (last > path && last[-1] != '/')
		last--;
	return (path + len - last == 1 && last[0] == '.') ||
	    (path + len - last == 2 && last[0] == '.' && last[1] == '.');
}

int
main(int argc, char **argv)
{
	int opt;

	while ((opt = getopt(argc, argv, "rRf")) != -1) {
		if (opt == 'f')
			force = 1;
		else if (opt == 'r' || opt == 'R')
			recursive = 1;
		else
			goto usage;
	}
	if (optind == argc && !force)
		goto usage;
	for (int i = optind; i < argc; i++) {
		if (refused(argv[i])) {
			fprintf(stderr, "rm: %s: refusing to remove '.', '..' "
			    "or '/'\n", argv[i]);
			status = 1;
			continue;
		}
		remove_path(argv[i]);
	}
	return status;
usage:
	fprintf(stderr, "usage: rm [-r] [-f] path...\n");
	return 2;
}
