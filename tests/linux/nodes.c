/*
 * mknod and mkfifo: a FIFO, character and block devices and empty files
 * made by name, as lstat and readdir report them (type, permission bits,
 * device numbers); EEXIST for a name taken, EPERM for a directory and for
 * a device made by a user other than root (who may still make a FIFO).
 * Everything is made in nodes.d of the current directory and removed.
 */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <sys/wait.h>
#include <unistd.h>

static const char *names[] = { "fifo", "null", "hda1", "fb1", "plain",
			       "typeless" };

static char
type_char(mode_t m)
{
	if (S_ISFIFO(m))
		return 'p';
	if (S_ISCHR(m))
		return 'c';
	if (S_ISBLK(m))
		return 'b';
	if (S_ISREG(m))
		return '-';
	return '?';
}

static void
said(const char *what, int r)
{
	printf("%s: %s\n", what, r == 0 ? "ok" : strerror(errno));
}

static void
show(const char *name)
{
	char path[64];
	struct stat st;

	snprintf(path, sizeof(path), "nodes.d/%s", name);
	if (lstat(path, &st) != 0) {
		printf("%s: %s\n", name, strerror(errno));
		return;
	}
	printf("%s: %c %04o %u,%u size %lld\n", name, type_char(st.st_mode),
	    (unsigned)(st.st_mode & 07777), major(st.st_rdev),
	    minor(st.st_rdev), (long long)st.st_size);
}

/* The entries of nodes.d with their d_type, in name order. */
static void
list(void)
{
	struct dirent **e;
	int n = scandir("nodes.d", &e, NULL, alphasort);

	for (int i = 0; i < n; i++) {
		if (e[i]->d_name[0] != '.')
			printf("entry %s type %d\n", e[i]->d_name, e[i]->d_type);
		free(e[i]);
	}
	free(e);
}

/* As user 1: no device, but a FIFO in a directory anyone may write. */
static void
as_user(void)
{
	pid_t pid;

	fflush(stdout);
	pid = fork();
	if (pid == 0) {
		/* In it first: the directories above need not let user 1
		 * through (the test's host directory does not). */
		if (chdir("nodes.d") != 0 || setgid(1) != 0 || setuid(1) != 0)
			_exit(1);
		said("user mknod char",
		    mknod("c2", S_IFCHR | 0600, makedev(1, 3)));
		said("user mkfifo", mkfifo("f2", 0600));
		said("unlink f2", unlink("f2"));
		fflush(stdout);
		_exit(0);
	}
	waitpid(pid, NULL, 0);
}

int
main(void)
{
	umask(022);
	said("mkdir", mkdir("nodes.d", 0777));
	said("chmod", chmod("nodes.d", 0777));
	said("mkfifo", mkfifo("nodes.d/fifo", 0640));
	said("mknod char", mknod("nodes.d/null", S_IFCHR | 0666,
	    makedev(1, 3)));
	said("mknod block", mknod("nodes.d/hda1", S_IFBLK | 0640,
	    makedev(3, 1)));
	said("mknod char 29,32", mknod("nodes.d/fb1", S_IFCHR | 0640,
	    makedev(29, 32)));
	said("mknod file", mknod("nodes.d/plain", S_IFREG | 0600, 0));
	said("mknod no type", mknod("nodes.d/typeless", 0644, 0));
	said("mknod taken", mknod("nodes.d/fifo", S_IFIFO | 0600, 0));
	said("mknod dir", mknod("nodes.d/dir", S_IFDIR | 0755, 0));
	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		show(names[i]);
	list();
	as_user();
	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		char path[64];

		snprintf(path, sizeof(path), "nodes.d/%s", names[i]);
		unlink(path);
	}
	said("rmdir", rmdir("nodes.d"));
	return 0;
}
