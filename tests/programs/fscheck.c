/*
 * Checks the file commands' results and errors from a program's side,
 * against the test archive (bin/, etc/motd) and the devices in /dev.
 * One line per case, then a count of failures (also the exit status).
 */
#include <string.h>

#include "libnexus.h"

static int failures;

static void
expect(const char *what, int64_t got, int64_t want)
{
	if (got == want) {
		nx_printf("fscheck: %s: ok\n", what);
		return;
	}
	nx_printf("fscheck: %s: got %ld, want %ld\n", what, (long)got,
	    (long)want);
	failures++;
}

static void
reading(void)
{
	char buf[64];
	long fd = nx_open("/etc/motd", NX_O_RDONLY);
	NxStat st;

	expect("open", fd >= 0, 1);
	expect("read 4", nx_fread(fd, buf, 4), 4);
	expect("offset persists", nx_fread(fd, buf, 3) == 3 &&
	    memcmp(buf, " is", 3) == 0, 1);
	expect("fstat", nx_fstat(fd, &st), 0);
	expect("size", (int64_t)st.size, 23);
	expect("seek end", nx_seek(fd, 0, NX_SEEK_END), 23);
	expect("read at end", nx_fread(fd, buf, sizeof(buf)), 0);
	expect("seek back", nx_seek(fd, -9, NX_SEEK_CUR), 14);
	expect("read tail", nx_fread(fd, buf, sizeof(buf)), 9);
	expect("seek before 0", nx_seek(fd, -1, NX_SEEK_SET), NX_EINVAL);
	expect("seek past end", nx_seek(fd, 24, NX_SEEK_SET), 24);
	expect("bad whence", nx_seek(fd, 0, 9), NX_EINVAL);
	nx_seek(fd, 0, NX_SEEK_SET);
	expect("read into kernel memory", nx_fread(fd, (void *)0x80200000,
	    4), NX_EFAULT);
	expect("close", nx_close(fd), 0);
	expect("close again", nx_close(fd), NX_EBADF);
	expect("read closed", nx_fread(fd, buf, 1), NX_EBADF);
	expect("bad descriptor", nx_fread(1000, buf, 1), NX_EBADF);
}

static void
errors(void)
{
	char longpath[300];
	NxStat st;

	memset(longpath, 'a', sizeof(longpath) - 1);
	longpath[sizeof(longpath) - 1] = '\0';
	expect("missing", nx_open("/nope", 0), NX_ENOENT);
	expect("through a file", nx_open("/etc/motd/x", 0), NX_ENOTDIR);
	expect("trailing slash on a file", nx_open("/etc/motd/", 0),
	    NX_ENOTDIR);
	expect("write a read-only descriptor",
	    nx_fwrite(nx_open("/etc/motd", NX_O_RDONLY), "x", 1), NX_EBADF);
	expect("create in /dev", nx_open("/dev/new", NX_O_RDWR | NX_O_CREAT),
	    NX_EPERM);
	expect("directory flag", nx_open("/etc/motd", NX_O_DIRECTORY),
	    NX_ENOTDIR);
	expect("path too long", nx_open(longpath, 0), NX_ENAMETOOLONG);
	expect("path in kernel memory", nx_open((char *)0x80200000, 0),
	    NX_EFAULT);
	expect("read a directory", nx_fread(nx_open("/bin", 0), longpath, 8),
	    NX_EISDIR);
	expect("stat missing", nx_stat("/nope", &st), NX_ENOENT);
	expect("stat a directory", nx_stat("/bin", &st) == 0 &&
	    st.type == NX_DT_DIR, 1);
	expect("chdir to a file", nx_chdir("/etc/motd"), NX_ENOTDIR);
}

static void
directories(void)
{
	NxDirent d;
	char cwd[NX_PATH_MAX];
	long fd = nx_open("/", NX_O_DIRECTORY);
	int n = 0;

	while (nx_readdir(fd, &d) == 1)
		n++;
	expect("entries in /", n, 4);	/* dev, proc (mounts), bin, etc */
	expect("readdir at the end", nx_readdir(fd, &d), 0);
	expect("rewind", nx_seek(fd, 0, NX_SEEK_SET), 0);
	expect("the mount first", nx_readdir(fd, &d) == 1 &&
	    strcmp(d.name, "dev") == 0 && d.type == NX_DT_DIR, 1);
	expect("the other mount", nx_readdir(fd, &d) == 1 &&
	    strcmp(d.name, "proc") == 0 && d.type == NX_DT_DIR, 1);
	expect("readdir again", nx_readdir(fd, &d) == 1 &&
	    strcmp(d.name, "bin") == 0 && d.type == NX_DT_DIR, 1);
	expect("continues from the offset", nx_readdir(fd, &d) == 1 &&
	    strcmp(d.name, "etc") == 0, 1);
	expect("readdir of a file", nx_readdir(nx_open("/etc/motd", 0), &d),
	    NX_ENOTDIR);
	expect("chdir", nx_chdir("/etc/../bin/."), 0);
	expect("getcwd", nx_getcwd(cwd, sizeof(cwd)) == 4 &&
	    strcmp(cwd, "/bin") == 0, 1);
	expect("relative open", nx_open("../etc/motd", 0) >= 0, 1);
	expect("getcwd too small", nx_getcwd(cwd, 3), NX_ERANGE);
}

/* /dev: the devices read and write as Linux's do. */
static void
devices(void)
{
	uint8_t a[64], b[64], zero[64] = { 0 };
	long null = nx_open("/dev/null", NX_O_RDWR);
	long z = nx_open("/dev/zero", NX_O_RDONLY);
	long r = nx_open("/dev/urandom", NX_O_RDONLY);
	NxStat st;

	expect("null reads nothing", nx_fread(null, a, sizeof(a)), 0);
	expect("null takes all", nx_fwrite(null, a, sizeof(a)), sizeof(a));
	memset(a, 0xff, sizeof(a));
	expect("zero reads zeros", nx_fread(z, a, sizeof(a)) == sizeof(a) &&
	    memcmp(a, zero, sizeof(a)) == 0, 1);
	expect("urandom reads", nx_fread(r, a, sizeof(a)) == sizeof(a) &&
	    nx_fread(r, b, sizeof(b)) == sizeof(b), 1);
	expect("urandom differs", memcmp(a, b, sizeof(a)) != 0 &&
	    memcmp(a, zero, sizeof(a)) != 0, 1);
	expect("write a read-only descriptor", nx_fwrite(z, a, 1), NX_EBADF);
	expect("device stat", nx_fstat(null, &st) == 0 &&
	    st.type == NX_DT_CHAR && st.rdev == (1 << 8 | 3), 1);
	expect("terminal", nx_isatty(1) == 1 && nx_isatty(null) == 0, 1);
	expect("terminal cannot seek", nx_seek(0, 0, NX_SEEK_SET), NX_ESPIPE);
	expect("create in /dev", nx_open("/dev/new", NX_O_CREAT | NX_O_RDWR),
	    NX_EPERM);
	expect("/dev/.. is /", nx_stat("/dev/../etc/motd", &st), 0);
	nx_close(null);
	nx_close(z);
	nx_close(r);
}

/* Duplicates share the offset; the flags are the descriptor's or the
 * description's as POSIX says. */
static void
duplicates(void)
{
	char buf[8];
	long fd = nx_open("/etc/motd", NX_O_RDONLY), d, low;

	d = nx_dup(fd, 0, 0);
	expect("dup is the lowest free", d, fd + 1);
	nx_fread(fd, buf, 4);
	expect("the offset is shared", nx_seek(d, 0, NX_SEEK_CUR), 4);
	expect("dup2 onto itself", nx_dup(fd, fd, NX_DUP_FIXED), fd);
	expect("dup2 to a number", nx_dup(fd, 40, NX_DUP_FIXED), 40);
	expect("dup2 over an open one", nx_dup(d, 40,
	    NX_DUP_FIXED | NX_DUP_CLOEXEC), 40);
	expect("cloexec set", nx_fdctl(40, NX_FD_GETFD, 0), NX_FD_CLOEXEC);
	expect("cloexec not on the original", nx_fdctl(d, NX_FD_GETFD, 0), 0);
	expect("from a minimum", nx_dup(fd, 30, 0), 30);
	expect("out of range", nx_dup(fd, NX_FD_MAX, NX_DUP_FIXED), NX_EBADF);
	expect("minimum out of range", nx_dup(fd, NX_FD_MAX, 0), NX_EINVAL);
	expect("access mode", nx_fdctl(fd, NX_FD_GETFL, 0), NX_O_RDONLY);
	nx_fdctl(fd, NX_FD_SETFL, NX_O_APPEND | NX_O_WRONLY);
	expect("status flags change, the mode not", nx_fdctl(d, NX_FD_GETFL,
	    0), NX_O_APPEND);
	low = nx_dup(1, 0, 0);
	expect("a copy of stdout writes", nx_fwrite(low, "", 0), 0);
	nx_close(low);
	nx_close(30);
	nx_close(40);
	nx_close(d);
	nx_close(fd);
}

/* The rings follow descriptors 0 and 1: tx packets go where 1 leads,
 * rx packets come from what 0 is, then empty packets at its end. */
static void
rings(void)
{
	char buf[64];
	long out = nx_dup(1, 0, 0), in = nx_dup(0, 0, 0), n, total = 0;
	long null = nx_open("/dev/null", NX_O_WRONLY);
	long motd = nx_open("/etc/motd", NX_O_RDONLY);

	nx_dup(null, 1, NX_DUP_FIXED);
	nx_print("fscheck: this line must not be seen\n");
	nx_dup(out, 1, NX_DUP_FIXED);
	nx_dup(motd, 0, NX_DUP_FIXED);
	while ((n = nx_read(buf + total, sizeof(buf) - (size_t)total)) > 0)
		total += n;
	expect("stdin from a file", total == 23 &&
	    memcmp(buf, "This is not a program.\n", 23) == 0, 1);
	expect("its end again", nx_read(buf, 1), 0);
	nx_dup(in, 0, NX_DUP_FIXED);
	expect("the terminal again", nx_isatty(0), 1);
	nx_close(out);
	nx_close(in);
	nx_close(null);
	nx_close(motd);
}

static void
limits(void)
{
	int opened = 0;
	long fd = 0, first = -1;

	/* Some descriptors are still open from the cases above; 0, 1 and 2
	 * stay (they are the terminal). */
	for (int i = 3; i < NX_FD_MAX; i++)
		nx_close(i);
	for (int i = 3; i < NX_FD_MAX; i++) {
		fd = nx_open("/etc/motd", 0);
		opened += fd >= 0;
		if (first < 0)
			first = fd;
	}
	expect("every descriptor open", opened, NX_FD_MAX - 3);
	expect("the first was 3", first, 3);
	expect("one more", nx_open("/etc/motd", 0), NX_EMFILE);
	expect("dup too", nx_dup(3, 0, 0), NX_EMFILE);
	nx_close(77);
	expect("a slot again", nx_open("/etc/motd", 0), 77);
	for (int i = 3; i < NX_FD_MAX; i++)
		nx_close(i);
}

int
main(void)
{
	reading();
	errors();
	directories();
	devices();
	duplicates();
	rings();
	limits();
	nx_printf("fscheck: %d failures\n", failures);
	return failures;
}
