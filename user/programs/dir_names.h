/*
 * What cp -r and rm -r share: a directory's names, read whole before the
 * caller changes anything in it (so removing or adding names cannot
 * disturb the listing), and joining a directory and a name into a path.
 * Both give NULL with errno set when they fail.
 */
#ifndef DIR_NAMES_H
#define DIR_NAMES_H

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "libnexus.h"
#include "nxlibc.h"

/* The names in `dir` but "." and "..", each NUL-terminated one after the
 * other, `*count` of them.  The caller frees the result. */
static char *
dir_names(const char *dir, size_t *count)
{
	static NxDirent d;
	char *names = NULL;
	size_t used = 0, cap = 0;
	long fd = nx_open(dir, NX_O_RDONLY | NX_O_DIRECTORY), r;

	*count = 0;
	if (fd < 0) {
		errno = nx_errno(fd);
		return NULL;
	}
	while ((r = nx_readdir(fd, &d)) > 0) {
		if (!strcmp(d.name, ".") || !strcmp(d.name, ".."))
			continue;
		if (used + d.name_len + 1 > cap) {
			char *more = realloc(names, cap * 2 + d.name_len + 64);

			if (!more) {
				r = NX_ENOMEM;
				break;
			}
			names = more;
			cap = cap * 2 + d.name_len + 64;
		}
		memcpy(names + used, d.name, d.name_len + 1);
		used += d.name_len + 1;
		(*count)++;
	}
	nx_close(fd);
	if (r < 0) {
		free(names);
		errno = nx_errno(r);
		return NULL;
	}
	return names ? names : calloc(1, 1);
}

/* "dir/name", without doubling a slash that ends `dir`. */
static char *
path_join(const char *dir, const char *name)
{
	size_t dl = strlen(dir), nl = strlen(name);
	int slash = dl && dir[dl - 1] == '/';
	char *p = malloc(dl + nl + 2);

	if (!p)
		return NULL;
	memcpy(p, dir, dl);
	if (!slash)
		p[dl++] = '/';
	memcpy(p + dl, name, nl + 1);
	return p;
}

#endif
