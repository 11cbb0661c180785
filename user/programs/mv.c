/*
 * mv src... dst: renames each src to dst, or moves it into dst when dst
 * is a directory (which it must be for more than one src).  A rename
 * replaces what dst named, as POSIX says; across file systems it fails
 * (EXDEV), as there is one writable file system to move within.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* The last part of `path`, trailing slashes left out, in a new string. */
static char *
last_part(const char *path)
{
	size_t len = strlen(path);
	const char *p;
	char *s;

	while (len > 1 && path[len - 1] == '/')
		len--;
	p = path + len;
	while (p > path && p[-1] != '/')
		p--;
	s = malloc(len - (size_t)(p - path) + 1);
	if (s) {
		memcpy(s, p, len - (size_t)(p - path));
		s[len - (size_t)(p - path)] = '\0';
	}
	return s;
}

static int
move(const char *src, const char *dst, int into)
{
	char *last = NULL, *to = (char *)dst;
	int r;

	if (into) {
		last = last_part(src);
		to = last ? malloc(strlen(dst) + strlen(last) + 2) : NULL;
		if (!to) {
			free(last);
			perror("mv");
			return 1;
		}
		sprintf(to, "%s/%s", dst, last);
	}
	r = rename(src, to);
	if (r < 0)
		fprintf(stderr, "mv: %s -> %s: %s\n", src, to, strerror(errno));
	if (into)
		free(to);
	free(last);
	return r < 0;
}

int
main(int argc, char **argv)
{
	struct stat st;
	const char *dst = argv[argc - 1];
	int into, status = 0;

	if (argc < 3) {
		fprintf(stderr, "usage: mv src... dst\n");
		return 2;
	}
	into = stat(dst, &st) == 0 && S_ISDIR(st.st_mode);
	if (argc > 3 && !into) {
		fprintf(stderr, "mv: %s: Not a directory\n", dst);
		return 1;
	}
	for (int i = 1; i < argc - 1; i++)
		status |= move(argv[i], dst, into);
	return status;
}
