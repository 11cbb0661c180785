/*
 * File owners, through glibc: chown, fchown, lchown and fchownat (with
 * AT_EMPTY_PATH), -1 for "leave it", what stat, fstat, lstat and statx
 * show, the set-ID bits a chown takes, Linux's errors, and a Subject
 * that stopped being root: it may only give a file it owns to one of its
 * groups, and what it makes is its own.  Works in ./o (made and removed
 * as root), so the tree it runs in is as it was after.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

static void
say(const char *what, int r)
{
	printf("%s: %s\n", what, r < 0 ? strerror(errno) : "ok");
}

/* Owner, group and mode as stat (follow) or lstat sees them. */
static void
show(const char *path, int follow)
{
	struct stat st;
	int r = follow ? stat(path, &st) : lstat(path, &st);

	if (r < 0)
		printf("%s: %s\n", path, strerror(errno));
	else
		printf("%s%s %u:%u %o\n", follow ? "" : "link ", path,
		    (unsigned)st.st_uid, (unsigned)st.st_gid,
		    (unsigned)st.st_mode);
}

static void
show_fd(const char *what, int fd)
{
	struct statx sx;
	struct stat st;

	if (fstat(fd, &st) < 0 || statx(fd, "", AT_EMPTY_PATH, STATX_UID |
	    STATX_GID, &sx) < 0) {
		printf("%s: %s\n", what, strerror(errno));
		return;
	}
	printf("%s fstat %u:%u statx %u:%u\n", what, (unsigned)st.st_uid,
	    (unsigned)st.st_gid, (unsigned)sx.stx_uid, (unsigned)sx.stx_gid);
}

static void
as_root(void)
{
	int fd = open("o/f", O_RDWR | O_CREAT | O_EXCL, 0644);
	int dfd = open("o", O_RDONLY | O_DIRECTORY);

	show("o/f", 1);
	say("chown 1000 2000", chown("o/f", 1000, 2000));
	show("o/f", 1);
	say("chown -1 3000", chown("o/f", -1, 3000));
	show("o/f", 1);
	say("chown 4000 -1", chown("o/f", 4000, -1));
	show("o/f", 1);
	say("chown -1 -1", chown("o/f", -1, -1));
	show("o/f", 1);
	say("fchown 5 6", fchown(fd, 5, 6));
	show_fd("o/f", fd);
	say("symlink", symlink("f", "o/l"));
	say("lchown 7 8", lchown("o/l", 7, 8));
	show("o/l", 0);
	show("o/l", 1);
	say("chown through the link 9 10", chown("o/l", 9, 10));
	show("o/l", 0);
	show("o/f", 1);
	say("fchownat 11 12", fchownat(dfd, "f", 11, 12, 0));
	say("fchownat nofollow 13 14",
	    fchownat(dfd, "l", 13, 14, AT_SYMLINK_NOFOLLOW));
	say("fchownat empty path 15 16",
	    fchownat(dfd, "", 15, 16, AT_EMPTY_PATH));
	show("o/f", 1);
	show("o/l", 0);
	show("o", 1);
	say("chmod 6755", chmod("o/f", 06755));
	say("chown takes set-ID", chown("o/f", -1, -1));
	show("o/f", 1);
	say("chmod 2644", chmod("o/f", 02644));
	say("set-group-ID without group execution stays",
	    chown("o/f", 11, 12));
	show("o/f", 1);
	say("chmod 6755 on a directory", chmod("o", 06755));
	say("a directory keeps them", chown("o", 0, 0));
	show("o", 1);
	say("chmod 755", chmod("o", 0755));
	close(dfd);
	close(fd);
}

static void
errors(void)
{
	say("missing", chown("o/missing", 1, 1));
	say("through a file", chown("o/f/x", 1, 1));
	say("bad descriptor", fchown(99, 1, 1));
	say("closed descriptor", fchownat(98, "", 1, 1, AT_EMPTY_PATH));
	say("bad flags", fchownat(AT_FDCWD, "o/f", 1, 1, 0x1));
	say("empty path", fchownat(AT_FDCWD, "", 1, 1, 0));
	say("bad pointer", chown((const char *)8, 1, 1));
	say("loop", symlink("loop", "o/loop"));
	say("chown a loop", chown("o/loop", 1, 1));
	say("lchown a loop", lchown("o/loop", 1, 1));
	show("o/loop", 0);
	say("empty path, current directory",
	    fchownat(AT_FDCWD, "", -1, -1, AT_EMPTY_PATH));
}

/* A child that gives up root: user 1000, group 60, also in group 50. */
static void
not_root(void)
{
	gid_t groups[] = { 50 };
	int fd;

	/* From ./o, whatever the directories above let others search. */
	if (chdir("o") < 0 || setgroups(1, groups) < 0 || setgid(60) < 0 ||
	    setuid(1000) < 0) {
		printf("giving up root: %s\n", strerror(errno));
		return;
	}
	say("give mine away", chown("pub/mine", 1001, -1));
	say("keep mine", chown("pub/mine", 1000, -1));
	say("my supplementary group", chown("pub/mine", -1, 50));
	say("my group", chown("pub/mine", -1, 60));
	say("another group", chown("pub/mine", -1, 70));
	say("same group, another's file", chown("f", -1, 12));
	say("my group, another's file", chown("f", -1, 60));
	say("fchown mine", (fd = open("pub/mine", O_RDONLY)) < 0 ? -1 :
	    fchown(fd, -1, 50));
	show("pub/mine", 1);
	fd = open("pub/new", O_WRONLY | O_CREAT | O_EXCL, 0644);
	say("create", fd);
	show_fd("pub/new", fd);
	say("mkdir", mkdir("pub/dir", 0755));
	show("pub/dir", 1);
	say("symlink", symlink("new", "pub/link"));
	show("pub/link", 0);
}

static void
cleanup(void)
{
	const char *files[] = { "o/pub/new", "o/pub/link", "o/pub/mine",
	    "o/f", "o/l", "o/loop" };
	size_t i;

	for (i = 0; i < sizeof(files) / sizeof(files[0]); i++)
		unlink(files[i]);
	rmdir("o/pub/dir");
	rmdir("o/pub");
	say("clean", rmdir("o"));
}

int
main(void)
{
	pid_t pid;
	int status;

	umask(022);
	if (mkdir("o", 0755) < 0 || mkdir("o/pub", 0777) < 0 ||
	    chmod("o/pub", 0777) < 0) {
		printf("setup: %s\n", strerror(errno));
		return 1;
	}
	as_root();
	errors();
	close(open("o/pub/mine", O_WRONLY | O_CREAT, 0644));
	say("give o/pub/mine to 1000:60", chown("o/pub/mine", 1000, 60));
	fflush(stdout);
	pid = fork();
	if (pid == 0) {
		not_root();
		fflush(stdout);
		_exit(0);
	}
	waitpid(pid, &status, 0);
	printf("child ended %d\n", WIFEXITED(status) ? WEXITSTATUS(status) :
	    -1);
	cleanup();
	return 0;
}
