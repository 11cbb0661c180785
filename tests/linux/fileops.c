/*
 * Files that change, through glibc: open with O_CREAT/O_EXCL/O_TRUNC/
 * O_APPEND, write, pwrite, writev, ftruncate, truncate, fsync, mkdir,
 * rename (and renameat2's RENAME_NOREPLACE), link, symlink, unlink and
 * rmdir, chmod, utimensat, statfs, sendfile, readdir of a new directory,
 * record locks, and an unlinked file still in use.  Works in ./w (made
 * and removed), so the tree it runs in is as it was after.
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/sendfile.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <sys/uio.h>
#include <time.h>
#include <unistd.h>

static void
say(const char *what, int r)
{
	printf("%s: %s\n", what, r < 0 ? strerror(errno) : "ok");
}

static void
show(const char *path)
{
	char buf[64];
	int fd = open(path, O_RDONLY);
	ssize_t n = fd < 0 ? -1 : read(fd, buf, sizeof(buf) - 1);

	if (n < 0) {
		printf("%s: %s\n", path, strerror(errno));
	} else {
		buf[n] = '\0';
		printf("%s holds [%s]\n", path, buf);
	}
	if (fd >= 0)
		close(fd);
}

static void
writing(void)
{
	struct iovec iov[2] = { { "vec", 3 }, { "tor", 3 } };
	struct stat st;
	int fd;

	fd = open("f", O_RDWR | O_CREAT | O_EXCL, 0640);
	say("create", fd);
	say("create again", open("f", O_RDWR | O_CREAT | O_EXCL, 0640));
	printf("write %zd\n", write(fd, "hello world", 11));
	printf("pwrite %zd\n", pwrite(fd, "W", 1, 6));
	printf("writev %zd\n", writev(fd, iov, 2));
	say("fsync", fsync(fd));
	say("fdatasync", fdatasync(fd));
	fstat(fd, &st);
	printf("size %lld mode %o nlink %lu\n", (long long)st.st_size,
	    st.st_mode & 07777, (unsigned long)st.st_nlink);
	printf("times near now: %d\n", st.st_mtime > time(NULL) - 600 &&
	    st.st_mtime < time(NULL) + 600);
	say("ftruncate", ftruncate(fd, 5));
	say("ftruncate negative", ftruncate(fd, -1));
	close(fd);
	show("f");
	fd = open("f", O_WRONLY | O_APPEND);
	lseek(fd, 0, SEEK_SET);
	printf("append %zd\n", write(fd, "+app", 4));
	close(fd);
	show("f");
	say("truncate", truncate("f", 3));
	show("f");
	fd = open("f", O_RDONLY);
	say("ftruncate read-only", ftruncate(fd, 0));
	close(fd);
	fd = open("f", O_WRONLY | O_TRUNC);
	fstat(fd, &st);
	printf("O_TRUNC size %lld\n", (long long)st.st_size);
	close(fd);
	say("write a directory", open(".", O_WRONLY));
}

static void
names(void)
{
	struct stat st;
	char buf[32];
	ssize_t n;

	say("mkdir", mkdir("d", 0750));
	say("mkdir again", mkdir("d", 0750));
	say("mkdir in a file", mkdir("f/x", 0750));
	say("rename into itself", rename("d", "d/e"));
	say("rename dir over file", rename("d", "f"));
	say("rename file over dir", rename("f", "d"));
	close(open("d/g", O_WRONLY | O_CREAT, 0600));
	say("rmdir not empty", rmdir("d"));
	say("unlink a directory", unlink("d"));
	say("noreplace", renameat2(AT_FDCWD, "f", AT_FDCWD, "d/g",
	    RENAME_NOREPLACE));
	say("rename replacing", rename("f", "d/g"));
	say("old name", stat("f", &st));
	say("symlink", symlink("d/g", "s"));
	n = readlink("s", buf, sizeof(buf));
	printf("readlink %.*s\n", (int)n, buf);
	say("symlink exists", symlink("x", "s"));
	say("link", link("d/g", "h"));
	stat("h", &st);
	printf("nlink %lu\n", (unsigned long)st.st_nlink);
	say("link a directory", link("d", "d2"));
	say("chmod", chmod("h", 0604));
	stat("d/g", &st);
	printf("mode through the other name %o\n", st.st_mode & 07777);
	say("fchmodat", fchmodat(AT_FDCWD, "h", 0600, 0));
	say("rmdir a file", rmdir("h"));
	say("unlinkat AT_REMOVEDIR on a file", unlinkat(AT_FDCWD, "h",
	    AT_REMOVEDIR));
}

static void
times(void)
{
	struct timespec t[2] = { { 86400, 5 }, { 2 * 86400, 7 } };
	struct stat st;

	say("utimensat", utimensat(AT_FDCWD, "h", t, 0));
	stat("h", &st);
	printf("atime %ld.%ld mtime %ld.%ld\n", (long)st.st_atim.tv_sec,
	    st.st_atim.tv_nsec, (long)st.st_mtim.tv_sec, st.st_mtim.tv_nsec);
	t[0].tv_nsec = UTIME_OMIT;
	t[1].tv_nsec = UTIME_NOW;
	say("utimensat omit/now", utimensat(AT_FDCWD, "h", t, 0));
	stat("h", &st);
	printf("atime kept %d, mtime now %d\n", st.st_atim.tv_sec == 86400,
	    st.st_mtime > time(NULL) - 600);
	t[1].tv_nsec = 2000000000;
	say("utimensat bad nsec", utimensat(AT_FDCWD, "h", t, 0));
}

static void
more(void)
{
	struct statfs sf;
	struct flock fl = { .l_type = F_WRLCK, .l_whence = SEEK_SET,
	    .l_start = 0, .l_len = 10 };
	off_t off = 2;
	DIR *dir;
	struct dirent *e;
	int in, out, fd, names = 0;

	say("statfs", statfs(".", &sf));
	printf("bsize sane %d namelen %ld\n", sf.f_bsize > 0,
	    (long)sf.f_namelen);
	in = open("h", O_RDWR);
	write(in, "sendfile bytes", 14);
	out = open("copy", O_WRONLY | O_CREAT | O_EXCL, 0644);
	printf("sendfile %zd, offset now %lld\n", sendfile(out, in, &off, 100),
	    (long long)off);
	close(out);
	show("copy");
	say("fstatfs", fstatfs(in, &sf));
	say("F_SETLK", fcntl(in, F_SETLK, &fl));
	fl.l_type = F_RDLCK;
	say("F_GETLK", fcntl(in, F_GETLK, &fl));
	printf("own lock shows as %s\n", fl.l_type == F_UNLCK ? "unlocked" :
	    "locked");
	fl.l_type = F_UNLCK;
	say("F_SETLK unlock", fcntl(in, F_SETLK, &fl));
	fl.l_type = F_WRLCK;
	fd = open("h", O_RDONLY);
	say("F_SETLK write on a read-only descriptor", fcntl(fd, F_SETLK, &fl));
	close(fd);
	/* Unlinked while open: still read and written. */
	say("unlink while open", unlink("h"));
	printf("pwrite after unlink %zd\n", pwrite(in, "X", 1, 0));
	close(in);
	dir = opendir("d");
	while ((e = readdir(dir)))
		names += strcmp(e->d_name, "g") == 0;
	closedir(dir);
	printf("readdir finds g: %d\n", names);
	say("unlink", unlink("d/g") | unlink("s") | unlink("copy"));
	say("unlinkat AT_REMOVEDIR", unlinkat(AT_FDCWD, "d", AT_REMOVEDIR));
}

int
main(void)
{
	say("mkdir w", mkdir("w", 0755));
	say("chdir w", chdir("w"));
	writing();
	names();
	times();
	more();
	say("chdir ..", chdir(".."));
	say("rmdir w", rmdir("w"));
	return 0;
}
