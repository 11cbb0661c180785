/*
 * Writable files through picolibc and the membrane, as ordinary C uses
 * them: fopen "w", "a" and "r+", fwrite, fprintf, fread, fseek,
 * ftell, remove, rename, mkdir, rmdir, link, symlink, readlink,
 * ftruncate, chmod, utimes and their errors.  Works under the directory
 * named (default /fileio), which it makes and removes.  One line per
 * failed case, then the count of failures (also the exit status).
 */
#define _POSIX_C_SOURCE 200809L	/* ftruncate, symlink, ... under -std=c11 */

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <unistd.h>

static int failures, cases;
static char dir[128];

/* `ok` true, or a line naming the case and errno. */
static void
expect(const char *what, int ok)
{
	cases++;
	if (ok)
		return;
	printf("fileio: %s: failed (errno %d: %s)\n", what, errno,
	    strerror(errno));
	failures++;
}

/* A call that must fail with `err`. */
static void
expect_err(const char *what, int r, int err)
{
	int got = errno;

	cases++;
	if (r < 0 && got == err)
		return;
	printf("fileio: %s: got %d errno %d (%s), want errno %d (%s)\n", what,
	    r, got, strerror(got), err, strerror(err));
	failures++;
}

static const char *
at(const char *name)
{
	static char paths[4][192];
	static int next;
	char *p = paths[next++ % 4];

	snprintf(p, sizeof(paths[0]), "%s/%s", dir, name);
	return p;
}

static long
size_of(const char *path)
{
	struct stat st;

	return stat(path, &st) < 0 ? -1 : (long)st.st_size;
}

/* The whole file in `buf` (at most len): how many bytes, or -1. */
static long
slurp(const char *path, char *buf, size_t len)
{
	FILE *f = fopen(path, "r");
	size_t n;

	if (!f)
		return -1;
	n = fread(buf, 1, len, f);
	fclose(f);
	return (long)n;
}

static void
write_append_update(void)
{
	static char big[10000], back[10100];
	char buf[64];
	FILE *f;

	for (size_t i = 0; i < sizeof(big); i++)
		big[i] = (char)(i * 7 + i / 256);
	f = fopen(at("a"), "w");
	expect("fopen w", f != NULL);
	if (!f)
		return;
	expect("fprintf", fprintf(f, "hello %d\n", 42) == 9);
	expect("fwrite", fwrite(big, 1, sizeof(big), f) == sizeof(big));
	expect("ftell", ftell(f) == 9 + (long)sizeof(big));
	expect("fclose", fclose(f) == 0);
	expect("size after w", size_of(at("a")) == 9 + (long)sizeof(big));
	expect("read back", slurp(at("a"), back, sizeof(back)) ==
	    9 + (long)sizeof(big) && memcmp(back, "hello 42\n", 9) == 0 &&
	    memcmp(back + 9, big, sizeof(big)) == 0);

	f = fopen(at("a"), "a");
	expect("fopen a", f != NULL && fputs("tail\n", f) >= 0 &&
	    fclose(f) == 0);
	expect("size after a", size_of(at("a")) == 14 + (long)sizeof(big));
	expect("appended at the end", slurp(at("a"), back, sizeof(back)) ==
	    14 + (long)sizeof(big) && memcmp(back + 9 + sizeof(big),
	    "tail\n", 5) == 0);
	/* O_APPEND: a write goes to the end wherever the offset was. */
	f = fopen(at("a"), "a");
	expect("a ignores seeks", f != NULL && fseek(f, 0, SEEK_SET) == 0 &&
	    fputs("!", f) >= 0 && fclose(f) == 0 &&
	    slurp(at("a"), back, sizeof(back)) == 15 + (long)sizeof(big) &&
	    back[0] == 'h' && back[14 + sizeof(big)] == '!');
	expect("truncate the !", truncate(at("a"), 14 + sizeof(big)) == 0);

	f = fopen(at("a"), "r+");
	expect("fopen r+", f != NULL);
	if (!f)
		return;
	expect("fseek", fseek(f, 6, SEEK_SET) == 0);
	expect("r+ write", fwrite("XY", 1, 2, f) == 2);
	expect("fseek back", fseek(f, 0, SEEK_SET) == 0 && ftell(f) == 0);
	expect("r+ read", fread(buf, 1, 9, f) == 9 &&
	    memcmp(buf, "hello XY\n", 9) == 0);
	expect("fseek end", fseek(f, 0, SEEK_END) == 0 &&
	    ftell(f) == 14 + (long)sizeof(big));
	expect("fclose r+", fclose(f) == 0);
	expect("r+ kept the size", size_of(at("a")) == 14 + (long)sizeof(big));

	f = fopen(at("a"), "w");
	expect("w empties", f != NULL && fclose(f) == 0 &&
	    size_of(at("a")) == 0);
}

static void
names(void)
{
	static char long_name[5 * 64];
	char buf[64];
	struct stat st;
	FILE *f;

	expect("rename", rename(at("a"), at("b")) == 0);
	expect_err("old name gone", open(at("a"), O_RDONLY), ENOENT);
	expect("new name there", size_of(at("b")) == 0);
	expect_err("rename of nothing", rename(at("nothing"), at("c")),
	    ENOENT);
	expect_err("fopen in a missing directory",
	    fopen(at("none/x"), "w") ? 0 : -1, ENOENT);
	expect_err("fopen a directory for writing",
	    fopen(dir, "w") ? 0 : -1, EISDIR);
	expect_err("mkdir twice", mkdir(dir, 0777), EEXIST);
	memset(buf, 'n', sizeof(buf));
	buf[sizeof(buf) - 1] = '\0';
	for (int i = 0; i < 5; i++)
		strcat(long_name, buf);
	/* Linux's number for it (36) is not picolibc's. */
	expect_err("a name too long", open(long_name, O_RDONLY),
	    ENAMETOOLONG);
	expect("mkdir sub", mkdir(at("sub"), 0777) == 0);
	expect_err("rename a directory into itself",
	    rename(at("sub"), at("sub/in")), EINVAL);
	f = fopen(at("sub/f"), "w");
	expect("file in sub", f != NULL && fclose(f) == 0);
	expect_err("rmdir of a full directory", rmdir(at("sub")), ENOTEMPTY);
	expect_err("remove of a full directory", remove(at("sub")),
	    ENOTEMPTY);
	expect_err("unlink of a directory", unlink(at("sub")), EISDIR);

	expect("link", link(at("b"), at("hard")) == 0);
	expect("two names", stat(at("b"), &st) == 0 && st.st_nlink == 2);
	expect("symlink", symlink("b", at("soft")) == 0);
	expect("readlink", readlink(at("soft"), buf, sizeof(buf)) == 1 &&
	    buf[0] == 'b');
	expect_err("symlink over a name", symlink("x", at("b")), EEXIST);

	expect("remove a file", remove(at("sub/f")) == 0);
	expect_err("remove it again", remove(at("sub/f")), ENOENT);
	expect("remove an empty directory", remove(at("sub")) == 0);
	expect("remove the rest", remove(at("b")) == 0 &&
	    remove(at("hard")) == 0 && remove(at("soft")) == 0);
}

static void
attributes(void)
{
	struct timeval tv[2] = { { 1000000000, 0 }, { 1234567890, 500000 } };
	struct stat st;
	char buf[8];
	int fd = open(at("t"), O_RDWR | O_CREAT | O_EXCL, 0666);

	expect("open creat excl", fd >= 0);
	expect_err("open creat excl again",
	    open(at("t"), O_RDWR | O_CREAT | O_EXCL, 0666), EEXIST);
	expect("umask took 022", stat(at("t"), &st) == 0 &&
	    (st.st_mode & 07777) == 0644 && S_ISREG(st.st_mode));
	expect("ftruncate grows", ftruncate(fd, 5000) == 0 &&
	    size_of(at("t")) == 5000);
	expect("zeros after", lseek(fd, 4990, SEEK_SET) == 4990 &&
	    read(fd, buf, 8) == 8 && !memcmp(buf, "\0\0\0\0\0\0\0\0", 8));
	expect("ftruncate shrinks", ftruncate(fd, 3) == 0 &&
	    size_of(at("t")) == 3);
	expect("truncate by name", truncate(at("t"), 0) == 0 &&
	    size_of(at("t")) == 0);
	expect("fsync", fsync(fd) == 0);
	expect("close", close(fd) == 0);
	expect_err("fsync closed", fsync(fd), EBADF);
	expect("chmod", chmod(at("t"), 0600) == 0 && stat(at("t"), &st) == 0 &&
	    (st.st_mode & 07777) == 0600);
	expect("utimes", utimes(at("t"), tv) == 0 &&
	    stat(at("t"), &st) == 0 && st.st_mtime == 1234567890 &&
	    st.st_atime == 1000000000);
	expect("unlink", unlink(at("t")) == 0);
	expect_err("unlink again", unlink(at("t")), ENOENT);
}

int
main(int argc, char **argv)
{
	snprintf(dir, sizeof(dir), "%s", argc > 1 ? argv[1] : "/fileio");
	if (mkdir(dir, 0777) < 0) {
		printf("fileio: mkdir %s: %s\n", dir, strerror(errno));
		return 1;
	}
	write_append_update();
	names();
	attributes();
	expect("rmdir", rmdir(dir) == 0);
	expect_err("rmdir again", rmdir(dir), ENOENT);
	printf("fileio: %d cases, %d failures\n", cases, failures);
	return failures;
}
