/*
 * Checks the writable root from a native program's side: writes,
 * appends, truncation, the name-space commands and their errors, POSIX
 * unlink, and that the space written comes back.  One line per case,
 * then a count of failures (also the exit status).
 *
 *   fswrite              every check, in /tmp.w (made and removed)
 *   fswrite full         fills the file system: ENOSPC, a short write,
 *                        no half-made entry, all space back after
 *   fswrite copy A B     copies file A over file B, in place
 *   fswrite self         rewrites its own program file, then keeps
 *                        running the pages it was loaded with
 *   fswrite mtime P      prints P's mtime in seconds since 1970
 */
#include <string.h>

#include "libnexus.h"

static int failures;

static void
expect(const char *what, int64_t got, int64_t want)
{
	if (got == want) {
		nx_printf("fswrite: %s: ok\n", what);
		return;
	}
	nx_printf("fswrite: %s: got %ld, want %ld\n", what, (long)got,
	    (long)want);
	failures++;
}

static uint64_t
free_pages(void)
{
	NxMemStat m;

	nx_mem_stat(&m);
	return m.free + m.cached;
}

static long
make(const char *path, const char *text)
{
	long fd = nx_open_mode(path, NX_O_WRONLY | NX_O_CREAT | NX_O_TRUNC,
	    0644);

	if (fd < 0)
		return fd;
	nx_fwrite(fd, text, strlen(text));
	return nx_close(fd);
}

/* 1 when `path` holds exactly `text`. */
static int
holds(const char *path, const char *text)
{
	char buf[128];
	long fd = nx_open(path, NX_O_RDONLY), n;

	if (fd < 0)
		return 0;
	n = nx_fread(fd, buf, sizeof(buf));
	nx_close(fd);
	return n == (long)strlen(text) && memcmp(buf, text, (size_t)n) == 0;
}

static void
writing(void)
{
	char buf[16];
	NxStat st;
	long fd;

	fd = nx_open_mode("f", NX_O_RDWR | NX_O_CREAT | NX_O_EXCL, 0600);
	expect("create", fd >= 0, 1);
	expect("create again, exclusive", nx_open_mode("f", NX_O_RDWR |
	    NX_O_CREAT | NX_O_EXCL, 0600), NX_EEXIST);
	expect("write", nx_fwrite(fd, "hello", 5), 5);
	expect("write more", nx_fwrite(fd, " world", 6), 6);
	expect("read back", nx_seek(fd, 0, NX_SEEK_SET) == 0 &&
	    nx_fread(fd, buf, sizeof(buf)) == 11 &&
	    memcmp(buf, "hello world", 11) == 0, 1);
	expect("fstat size", nx_fstat(fd, &st) == 0 ? (long)st.size : -1, 11);
	expect("mode", st.mode, 0600);
	expect("hole", nx_seek(fd, 4096 * 3, NX_SEEK_SET) == 4096 * 3 &&
	    nx_fwrite(fd, "z", 1) == 1, 1);
	expect("hole reads zeros", nx_seek(fd, 20, NX_SEEK_SET) == 20 &&
	    nx_fread(fd, buf, 4) == 4 && buf[0] == 0 && buf[3] == 0, 1);
	expect("truncate", nx_truncate(fd, 5), 0);
	expect("size after truncate", nx_fstat(fd, &st) == 0 ?
	    (long)st.size : -1, 5);
	expect("truncate a read-only descriptor",
	    nx_truncate(nx_open("f", NX_O_RDONLY), 0), NX_EINVAL);
	nx_close(fd);
	fd = nx_open("f", NX_O_WRONLY | NX_O_APPEND);
	expect("append", nx_seek(fd, 0, NX_SEEK_SET) == 0 &&
	    nx_fwrite(fd, "!", 1) == 1, 1);
	nx_close(fd);
	expect("appended at the end", holds("f", "hello!"), 1);
	expect("O_TRUNC", make("f", "new"), 0);
	expect("truncated and rewritten", holds("f", "new"), 1);
	expect("write a directory", nx_open(".", NX_O_WRONLY), NX_EISDIR);
}

static void
names(void)
{
	NxStat st;

	expect("mkdir", nx_mkdir("d", 0755), 0);
	expect("mkdir again", nx_mkdir("d", 0755), NX_EEXIST);
	expect("mkdir a mount point", nx_mkdir("/dev", 0755), NX_EEXIST);
	expect("mkdir under a file", nx_mkdir("f/x", 0755), NX_ENOTDIR);
	expect("mkdir in a missing directory", nx_mkdir("no/x", 0755),
	    NX_ENOENT);
	expect("file in d", make("d/g", "gee"), 0);
	expect("rmdir not empty", nx_rmdir("d"), NX_ENOTEMPTY);
	expect("rmdir a file", nx_rmdir("f"), NX_ENOTDIR);
	expect("rmdir .", nx_rmdir("d/."), NX_EINVAL);
	expect("unlink a directory", nx_unlink("d"), NX_EISDIR);
	expect("unlink a mount point", nx_unlink("/dev"), NX_EISDIR);
	expect("rmdir a mount point", nx_rmdir("/dev"), NX_EBUSY);
	expect("rename into itself", nx_rename("d", "d/e"), NX_EINVAL);
	expect("rename a directory over a file", nx_rename("d", "f"),
	    NX_ENOTDIR);
	expect("rename a file over a directory", nx_rename("f", "d"),
	    NX_EISDIR);
	expect("rename, no replace", nx_rename2("f", "d/g",
	    NX_RENAME_NOREPLACE), NX_EEXIST);
	expect("rename, replacing", nx_rename("f", "d/g"), 0);
	expect("old name gone", nx_stat("f", &st), NX_ENOENT);
	expect("replaced", holds("d/g", "new"), 1);
	expect("rename a directory", nx_rename("d", "d2"), 0);
	expect("through the new name", holds("d2/g", "new"), 1);
	expect("mkdir e", nx_mkdir("e", 0755) == 0 && make("e/x", "x") == 0, 1);
	expect("rename over a non-empty directory", nx_rename("d2", "e"),
	    NX_ENOTEMPTY);
	expect("symlink", nx_symlink("d2/g", "s"), 0);
	expect("through the link", holds("s", "new"), 1);
	expect("symlink exists", nx_symlink("x", "s"), NX_EEXIST);
	expect("link", nx_link("d2/g", "h"), 0);
	expect("two links", nx_stat("h", &st) == 0 ? (long)st.nlink : -1, 2);
	expect("link a directory", nx_link("d2", "d3"), NX_EPERM);
	expect("chmod", nx_chmod("h", 0400), 0);
	expect("chmod seen through the other name",
	    nx_stat("d2/g", &st) == 0 ? (long)st.mode : -1, 0400);
	expect("utimes", nx_utimes("h", 1000000000ull * 86400,
	    1000000000ull * 86400 * 2), 0);
	expect("mtime set", nx_stat("h", &st) == 0 ?
	    (long)(st.mtime_ns / 1000000000) : -1, 86400 * 2);
	expect("loop one", nx_symlink("loop2", "loop1"), 0);
	expect("loop two", nx_symlink("loop1", "loop2"), 0);
	expect("open a loop", nx_open("loop1", NX_O_RDONLY), NX_ELOOP);
	expect("mkdir at a loop", nx_mkdir("loop1/x", 0755), NX_ELOOP);
	expect("unlink the names", nx_unlink("s") | nx_unlink("h") |
	    nx_unlink("d2/g") | nx_unlink("e/x") | nx_unlink("loop1") |
	    nx_unlink("loop2"), 0);
	expect("rmdir the directories", nx_rmdir("d2") | nx_rmdir("e"), 0);
}

/* A name one byte too long, and a tree as deep as a path allows. */
static void
limits(void)
{
	char name[300], path[NX_PATH_MAX + 8];
	size_t len = 0;
	int depth = 0;

	memset(name, 'n', 256);
	name[256] = '\0';
	expect("name too long", make(name, "x"), NX_ENAMETOOLONG);
	while (len + 2 < NX_PATH_MAX - 1) {
		path[len++] = 'd';
		path[len] = '\0';
		if (nx_mkdir(path, 0755) != 0)
			break;
		depth++;
		path[len++] = '/';
	}
	expect("deep tree", depth >= 100, 1);
	memcpy(path + len, "dd/x", 5);
	expect("path too long", nx_mkdir(path, 0755), NX_ENAMETOOLONG);
	while (depth-- > 0) {
		len -= 2;
		path[len + 1] = '\0';
		if (nx_rmdir(path) != 0)
			break;
	}
	expect("deep tree removed", depth, -1);
}

/* An unlinked file stays usable while open; its pages come back at
 * its last close. */
static void
unlinked(void)
{
	static char page[4096];
	uint64_t before = free_pages();
	char buf[4];
	long fd = nx_open_mode("u", NX_O_RDWR | NX_O_CREAT, 0644);

	memset(page, 'u', sizeof(page));
	for (int i = 0; i < 64; i++)
		nx_fwrite(fd, page, sizeof(page));
	expect("unlink while open", nx_unlink("u"), 0);
	expect("gone from the directory", nx_open("u", 0), NX_ENOENT);
	expect("still written", nx_fwrite(fd, "end", 3), 3);
	expect("still read", nx_seek(fd, 64 * 4096, NX_SEEK_SET) > 0 &&
	    nx_fread(fd, buf, 3) == 3 && memcmp(buf, "end", 3) == 0, 1);
	expect("pages held while open", free_pages() + 60 < before, 1);
	nx_close(fd);
	expect("pages back at the last close", free_pages(), (long)before);
}

static void
statfs(void)
{
	NxStatfs a, b;
	long fd;

	expect("statfs", nx_statfs("/", &a), 0);
	fd = nx_open_mode("big", NX_O_WRONLY | NX_O_CREAT, 0644);
	nx_truncate(fd, 0);
	for (int i = 0; i < 16; i++)
		nx_fwrite(fd, (char[4096]){ 1 }, 4096);
	nx_close(fd);
	nx_statfs("/", &b);
	expect("blocks used", a.blocks_free - b.blocks_free >= 16, 1);
	expect("one file more", (long)(b.files - a.files), 1);
	nx_unlink("big");
	nx_statfs("/", &b);
	expect("blocks back", (long)b.blocks_free, (long)a.blocks_free);
	expect("statfs of /dev", nx_statfs("/dev", &b) == 0 &&
	    b.blocks == 0, 1);
}

/* `mem` before and after is the e2e test's to compare: this program's
 * own stack and data pages come and go meanwhile. */
static int
all(void)
{
	expect("work directory", nx_mkdir("/tmp.w", 0755) == 0 &&
	    nx_chdir("/tmp.w") == 0, 1);
	writing();
	names();
	limits();
	unlinked();
	statfs();
	nx_chdir("/");
	expect("remove the work directory", nx_rmdir("/tmp.w"), 0);
	return failures;
}

/* Writes until the file system is full. */
static int
full(void)
{
	static char page[4096];
	/* Counted before /fill is made: its node may take a slab page of
	 * its own, which its unlink gives back (how the archive's nodes
	 * fill the pages before it decides). */
	uint64_t before = free_pages();
	long fd = nx_open_mode("/fill", NX_O_WRONLY | NX_O_CREAT, 0644), n;
	uint64_t total = 0;
	NxStat st;

	memset(page, 'f', sizeof(page));
	while ((n = nx_fwrite(fd, page, sizeof(page) - 100)) ==
	    (long)sizeof(page) - 100)
		total += (uint64_t)n;
	expect("short write", n > 0 && n < (long)sizeof(page) - 100, 1);
	total += n > 0 ? (uint64_t)n : 0;
	expect("then ENOSPC", nx_fwrite(fd, page, 1), NX_ENOSPC);
	expect("size is what was written", nx_fstat(fd, &st) == 0 &&
	    st.size == total, 1);
	nx_printf("fswrite: wrote %lu KiB\n", (unsigned long)(total / 1024));
	/* Less than a page is left: names take it until none fits. */
	char name[8] = "/n0000";
	int files = 0;

	for (; files < 10000; files++) {
		name[2] = (char)('0' + files / 1000);
		name[3] = (char)('0' + files / 100 % 10);
		name[4] = (char)('0' + files / 10 % 10);
		name[5] = (char)('0' + files % 10);
		n = nx_open_mode(name, NX_O_WRONLY | NX_O_CREAT, 0644);
		if (n < 0)
			break;
		nx_close(n);
	}
	expect("create when full", n, NX_ENOSPC);
	expect("no half-made file", nx_stat(name, &st), NX_ENOENT);
	expect("mkdir when full", nx_mkdir("/full.d", 0755), NX_ENOSPC);
	expect("no half-made directory", nx_stat("/full.d", &st), NX_ENOENT);
	expect("symlink when full", nx_symlink("/fill", "/full.l"),
	    NX_ENOSPC);
	while (files-- > 0) {
		name[2] = (char)('0' + files / 1000);
		name[3] = (char)('0' + files / 100 % 10);
		name[4] = (char)('0' + files / 10 % 10);
		name[5] = (char)('0' + files % 10);
		nx_unlink(name);
	}
	nx_close(fd);
	expect("unlink", nx_unlink("/fill"), 0);
	expect("pages back", free_pages(), (long)before);
	expect("room again", make("/full.f", "ok"), 0);
	nx_unlink("/full.f");
	return failures;
}

/* Overwrites B with A's bytes in place, then cuts B to A's length: the
 * file keeps its node (and, had it no detached flag, its archive key). */
static int
copy(const char *from, const char *to)
{
	static char buf[4096];
	long in = nx_open(from, NX_O_RDONLY), n;
	long out = nx_open(to, NX_O_WRONLY);
	uint64_t total = 0;

	if (in < 0 || out < 0) {
		nx_printf("fswrite: cannot open %s or %s\n", from, to);
		return 1;
	}
	while ((n = nx_fread(in, buf, sizeof(buf))) > 0) {
		if (nx_fwrite(out, buf, (size_t)n) != n) {
			nx_printf("fswrite: short write\n");
			return 1;
		}
		total += (uint64_t)n;
	}
	nx_truncate(out, total);
	nx_close(in);
	nx_close(out);
	return 0;
}

int
main(int argc, char **argv)
{
	NxStat st;
	int r;

	if (argc > 1 && strcmp(argv[1], "full") == 0)
		r = full();
	else if (argc > 3 && strcmp(argv[1], "copy") == 0)
		return copy(argv[2], argv[3]);
	else if (argc > 1 && strcmp(argv[1], "self") == 0) {
		r = copy("/bin/status", "/bin/fswrite");
		nx_printf("fswrite: still running after rewriting itself\n");
		return r;
	} else if (argc > 2 && strcmp(argv[1], "mtime") == 0) {
		if (nx_stat(argv[2], &st))
			return 1;
		nx_printf("fswrite: mtime %ld\n",
		    (long)(st.mtime_ns / 1000000000));
		return 0;
	} else
		r = all();
	nx_printf("fswrite: %d failures\n", r);
	return r;
}
