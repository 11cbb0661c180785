/*
 * cp [-r] src... dst: copies each file to dst, or into dst when dst is a
 * directory (which it must be for more than one src).  With -r a
 * directory is copied with everything in it, symbolic links as links;
 * without it, directories are left out and links followed.  A file is
 * never copied onto itself, nor a directory into itself.
 */
#define _POSIX_C_SOURCE 200809L	/* readlink, symlink, strndup under -std=c11 */

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "dir_names.h"

static int recursive, status;
/* The directory this operand's copy made first: a tree copied into
 * itself meets it while being listed, and it is left out. */
static ino_t made_ino;
static dev_t made_dev;
static int made;

static void
fail(const char *path, int err)
{
	fprintf(stderr, "cp: %s: %s\n", path, strerror(err));
	status = 1;
}

/* All of buf, or -1 with errno. */
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
copy_file(const char *src, const char *dst, const struct stat *st)
{
	static char buf[16384];
	struct stat to;
	int in, out;
	ssize_t n;

	if (stat(dst, &to) == 0 && to.st_ino == st->st_ino &&
	    to.st_dev == st->st_dev) {
		fprintf(stderr, "cp: %s and %s are the same file\n", src, dst);
		status = 1;
		return;
	}
	if ((in = open(src, O_RDONLY)) < 0) {
		fail(src, errno);
		return;
	}
	if ((out = open(dst, O_WRONLY | O_CREAT | O_TRUNC,
	    st->st_mode & 07777)) < 0) {
		fail(dst, errno);
		close(in);
		return;
	}
	while ((n = read(in, buf, sizeof(buf))) > 0) {
		if (write_all(out, buf, (size_t)n) < 0) {
			fail(dst, errno);
			break;
		}
	}
	if (n < 0)
		fail(src, errno);
	close(in);
	if (close(out) < 0)
		fail(dst, errno);
}

static void
copy_link(const char *src, const char *dst)
{
	char target[NX_PATH_MAX + 1];
	ssize_t n = readlink(src, target, sizeof(target) - 1);

	if (n < 0) {
		fail(src, errno);
		return;
	}
	target[n] = '\0';
	if (symlink(target, dst) < 0)
		fail(dst, errno);
}

static void copy(const char *src, const char *dst);

/* Makes dst (or takes the directory there) and copies every name. */
static void
copy_tree(const char *src, const char *dst, const struct stat *st)
{
	struct stat d;
	size_t count;
	char *names, *name;

	if (mkdir(dst, (st->st_mode & 07777) | 0700) < 0 && (errno != EEXIST ||
	    stat(dst, &d) < 0 || !S_ISDIR(d.st_mode))) {
		fail(dst, errno == EEXIST ? ENOTDIR : errno);
		return;
	}
	if (!made && stat(dst, &d) == 0) {
		made = 1;
		made_ino = d.st_ino;
		made_dev = d.st_dev;
	}
	if (!(names = dir_names(src, &count))) {
		fail(src, errno);
		return;
	}
	name = names;
	for (size_t i = 0; i < count; i++, name += strlen(name) + 1) {
		char *from = path_join(src, name), *to = path_join(dst, name);

		if (from && to)
			copy(from, to);
		else
			fail(src, ENOMEM);
		free(from);
		free(to);
	}
	free(names);
}

static void
copy(const char *src, const char *dst)
{
	struct stat st;

	if ((recursive ? lstat(src, &st) : stat(src, &st)) < 0) {
		fail(src, errno);
		return;
	}
	if (made && st.st_ino == made_ino && st.st_dev == made_dev) {
		fprintf(stderr, "cp: %s: cannot copy a directory into itself\n",
		    src);
		status = 1;
		return;
	}
	if (S_ISDIR(st.st_mode) && !recursive) {
		fprintf(stderr, "cp: %s: Is a directory (not copied without "
		    "-r)\n", src);
		status = 1;
	} else if (S_ISDIR(st.st_mode)) {
		copy_tree(src, dst, &st);
	} else if (S_ISLNK(st.st_mode)) {
		copy_link(src, dst);
	} else {
		copy_file(src, dst, &st);
	}
}

/* The last part of `src`, trailing slashes left out, after dst/. */
static char *
into(const char *dst, const char *src)
{
	size_t len = strlen(src);
	const char *p;
	char *last, *path;

	while (len > 1 && src[len - 1] == '/')
		len--;
	p = src + len;
	while (p > src && p[-1] != '/')
		p--;
	last = strndup(p, len - (size_t)(p - src));
	path = last ? path_join(dst, last) : NULL;
	free(last);
	return path;
}

int
main(int argc, char **argv)
{
	struct stat st;
	const char *dst;
	int opt, is_dir;

	while ((opt = getopt(argc, argv, "rR")) != -1) {
		if (opt != 'r' && opt != 'R')
			goto usage;
		recursive = 1;
	}
	if (argc - optind < 2)
		goto usage;
	dst = argv[argc - 1];
	is_dir = stat(dst, &st) == 0 && S_ISDIR(st.st_mode);
	if (argc - optind > 2 && !is_dir) {
		fprintf(stderr, "cp: %s: Not a directory\n", dst);
		return 1;
	}
	for (int i = optind; i < argc - 1; i++) {
		char *to = is_dir ? into(dst, argv[i]) : (char *)dst;

		if (!to) {
			fail(argv[i], ENOMEM);
			continue;
		}
		made = 0;
		copy(argv[i], to);
		if (is_dir)
			free(to);
	}
	return status;
usage:
	fprintf(stderr, "usage: cp [-r] src... dst\n");
	return 2;
}
