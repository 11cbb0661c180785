/*
 * Checks the file commands' results and errors from a program's side,
 * against the test archive (bin/, etc/motd).  One line per case, then a
 * count of failures (also the exit status).
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
	expect("seek past end", nx_seek(fd, 24, NX_SEEK_SET), NX_EINVAL);
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
	expect("write", nx_open("/etc/motd", NX_O_WRONLY), NX_EROFS);
	expect("create", nx_open("/etc/new", NX_O_RDWR | NX_O_CREAT),
	    NX_EROFS);
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
	expect("entries in /", n, 2);		/* bin, etc */
	expect("readdir at the end", nx_readdir(fd, &d), 0);
	expect("rewind", nx_seek(fd, 0, NX_SEEK_SET), 0);
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

static void
limits(void)
{
	long fds[NX_OPEN_MAX];
	int opened = 0;

	/* Some descriptors are still open from the cases above. */
	for (int i = 0; i < NX_OPEN_MAX; i++)
		nx_close(i);
	for (int i = 0; i < NX_OPEN_MAX; i++) {
		fds[i] = nx_open("/etc/motd", 0);
		opened += fds[i] >= 0;
	}
	expect("16 open files", opened, NX_OPEN_MAX);
	expect("the 17th", nx_open("/etc/motd", 0), NX_EMFILE);
	nx_close(fds[3]);
	expect("a slot again", nx_open("/etc/motd", 0), 3);
}

int
main(void)
{
	reading();
	errors();
	directories();
	limits();
	nx_printf("fscheck: %d failures\n", failures);
	return failures;
}
