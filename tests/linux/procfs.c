/*
 * /proc as a Linux program reads it: its own stat, status, comm and
 * cmdline against what the system calls say, /proc/self, meminfo,
 * mounts, uptime and loadavg, the listing of /proc, a child seen as a
 * zombie and gone once reaped (a descriptor still open on its stat then
 * reads ESRCH), and that nothing in /proc can be written.  Each check
 * prints "name: ok" or "name: FAIL ..."; the exit status is the number
 * of failures.  Run with arguments: cmdline is compared with them.
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

static int failures;

static void
check(const char *name, int ok, const char *detail)
{
	if (ok) {
		printf("%s: ok\n", name);
	} else {
		printf("%s: FAIL %s\n", name, detail);
		failures++;
	}
}

/* The whole of a small file, NUL-terminated: its length, or -1. */
static ssize_t
slurp(const char *path, char *buf, size_t size)
{
	int fd = open(path, O_RDONLY);
	ssize_t n, len = 0;

	if (fd < 0)
		return -1;
	while ((n = read(fd, buf + len, size - 1 - (size_t)len)) > 0)
		len += n;
	close(fd);
	buf[len] = '\0';
	return n < 0 ? -1 : len;
}

static void
own_stat(void)
{
	char buf[1024], comm[64], st;
	int pid, ppid, pgrp, sid;

	if (slurp("/proc/self/stat", buf, sizeof(buf)) < 0 ||
	    sscanf(buf, "%d (%63[^)]) %c %d %d %d", &pid, comm, &st, &ppid,
	    &pgrp, &sid) != 6) {
		check("stat", 0, buf);
		return;
	}
	check("stat pid", pid == getpid(), buf);
	check("stat comm", strcmp(comm, "procfs") == 0, comm);
	check("stat state", st == 'R', buf);
	check("stat ppid", ppid == getppid(), buf);
	check("stat pgrp", pgrp == getpgrp(), buf);
	check("stat session", sid == getsid(0), buf);
}

static void
own_status(void)
{
	char buf[4096], want[64];

	slurp("/proc/self/status", buf, sizeof(buf));
	snprintf(want, sizeof(want), "\nPid:\t%d\nPPid:\t%d\n", getpid(),
	    getppid());
	check("status ids", strstr(buf, want) != NULL, buf);
	check("status name", strncmp(buf, "Name:\tprocfs\n", 13) == 0, buf);
	check("status rss", strstr(buf, "\nVmRSS:") != NULL, buf);
	slurp("/proc/self/comm", buf, sizeof(buf));
	check("comm", strcmp(buf, "procfs\n") == 0, buf);
}

static void
own_cmdline(int argc, char **argv)
{
	char buf[4096], want[4096];
	ssize_t n = slurp("/proc/self/cmdline", buf, sizeof(buf));
	size_t len = 0;

	for (int i = 0; i < argc; i++) {
		size_t l = strlen(argv[i]) + 1;

		memcpy(want + len, argv[i], l);
		len += l;
	}
	check("cmdline", n == (ssize_t)len && memcmp(buf, want, len) == 0,
	    "differs from argv");
}

static void
self_link(void)
{
	char buf[64], want[64];
	ssize_t n = readlink("/proc/self", buf, sizeof(buf) - 1);

	buf[n > 0 ? n : 0] = '\0';
	snprintf(want, sizeof(want), "%d", getpid());
	check("self", strcmp(buf, want) == 0, buf);
}

/* The program's file: an absolute path to a regular file named as the
 * program was run, the file /proc/self/exe itself leads to. */
static void
exe_link(const char *argv0)
{
	char buf[256];
	const char *name = strrchr(argv0, '/') ? strrchr(argv0, '/') + 1 :
	    argv0, *last;
	ssize_t n = readlink("/proc/self/exe", buf, sizeof(buf) - 1);
	int fd = open("/proc/self/exe", O_RDONLY);
	struct stat a, b;

	buf[n > 0 ? n : 0] = '\0';
	last = strrchr(buf, '/');
	check("exe", buf[0] == '/' && last && strcmp(last + 1, name) == 0 &&
	    stat(buf, &a) == 0 && S_ISREG(a.st_mode) &&
	    fstat(fd, &b) == 0 && a.st_ino == b.st_ino &&
	    a.st_dev == b.st_dev, buf);
	close(fd);
}

/* Whether directory `dir` lists `n` (a process or a descriptor), as an
 * entry of `type`. */
static int
lists(const char *dir, int n, unsigned char type)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	char want[16];
	int found = 0;

	if (!d)
		return 0;
	snprintf(want, sizeof(want), "%d", n);
	while ((e = readdir(d)) != NULL) {
		if (strcmp(e->d_name, want) == 0 && e->d_type == type)
			found = 1;
	}
	closedir(d);
	return found;
}

/* A descriptor's link: a file's leads to its path (run from "/", the
 * program's own file is bin/procfs), a pipe's names the pipe; listed
 * while open, gone once closed. */
static void
fd_links(void)
{
	char link[64], buf[256], want[256];
	int p[2], fd = open("bin/procfs", O_RDONLY);
	ssize_t n;

	snprintf(link, sizeof(link), "/proc/self/fd/%d", fd);
	n = readlink(link, buf, sizeof(buf) - 1);
	buf[n > 0 ? n : 0] = '\0';
	check("fd of a file", fd >= 0 && realpath("bin/procfs", want) &&
	    strcmp(buf, want) == 0, buf);
	check("fd listed", lists("/proc/self/fd", fd, DT_LNK),
	    "not in /proc/self/fd");
	close(fd);
	check("fd closed", readlink(link, buf, sizeof(buf)) < 0 &&
	    errno == ENOENT, strerror(errno));
	if (pipe(p) < 0)
		p[0] = p[1] = -1;
	snprintf(link, sizeof(link), "/proc/self/fd/%d", p[1]);
	n = readlink(link, buf, sizeof(buf) - 1);
	buf[n > 0 ? n : 0] = '\0';
	check("fd of a pipe", strncmp(buf, "pipe:[", 6) == 0, buf);
	close(p[0]);
	close(p[1]);
	fd = open("procfs.tmp", O_RDWR | O_CREAT | O_TRUNC, 0644);
	unlink("procfs.tmp");
	snprintf(link, sizeof(link), "/proc/self/fd/%d", fd);
	n = readlink(link, buf, sizeof(buf) - 1);
	buf[n > 0 ? n : 0] = '\0';
	check("fd of an unlinked file", fd >= 0 && n >= 9 &&
	    strcmp(buf + n - 9, "(deleted)") == 0, buf);
	close(fd);
}

/* Whether directory `path` lists anything but "." and "..". */
static int
lists_any(const char *path)
{
	DIR *d = opendir(path);
	struct dirent *e;
	int any = 0;

	while (d && (e = readdir(d)) != NULL)
		any |= strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0;
	if (d)
		closedir(d);
	return any;
}

/* Another user's descriptors and program file are not shown (pid 1 is
 * root's: on Linux the open of its fd directory fails, on rumpk the
 * listing), one's own still are: checked by a child that gave up root. */
static void
others(void)
{
	char buf[256];
	int st = -1;
	pid_t pid = fork();

	if (pid == 0) {
		if (setuid(1000) < 0)
			_exit(1);
		if (readlink("/proc/1/exe", buf, sizeof(buf)) >= 0 ||
		    errno != EACCES)
			_exit(2);
		if (lists_any("/proc/1/fd"))
			_exit(3);
		_exit(lists_any("/proc/self/fd") ? 0 : 4);
	}
	waitpid(pid, &st, 0);
	snprintf(buf, sizeof(buf), "status %#x", st);
	check("another user's fd and exe", WIFEXITED(st) &&
	    WEXITSTATUS(st) == 0, buf);
}

static void
system_files(void)
{
	char buf[4096];
	unsigned long kb = 0, last = 0;
	double up = 0;
	char *p;

	slurp("/proc/meminfo", buf, sizeof(buf));
	p = strstr(buf, "MemTotal:");
	check("meminfo", p && sscanf(p, "MemTotal: %lu kB", &kb) == 1 &&
	    kb > 0, buf);
	slurp("/proc/mounts", buf, sizeof(buf));
	check("mounts /", strstr(buf, " / ") != NULL, buf);
	check("mounts /proc", strstr(buf, " /proc proc ") != NULL, buf);
	slurp("/proc/uptime", buf, sizeof(buf));
	check("uptime", sscanf(buf, "%lf", &up) == 1 && up > 0, buf);
	slurp("/proc/loadavg", buf, sizeof(buf));
	p = strrchr(buf, ' ');
	check("loadavg last pid", p && sscanf(p, "%lu", &last) == 1 &&
	    last >= (unsigned long)getpid(), buf);
}

/* A child that has ended is a zombie in /proc until it is waited for;
 * then its directory is gone and an open stat of it reads ESRCH. */
static void
child(void)
{
	char path[64], buf[1024], st = '?';
	siginfo_t si;
	int fd, pid = fork();

	if (pid == 0)
		_exit(3);
	waitid(P_PID, (id_t)pid, &si, WEXITED | WNOWAIT);
	snprintf(path, sizeof(path), "/proc/%d/stat", pid);
	fd = open(path, O_RDONLY);
	if (slurp(path, buf, sizeof(buf)) > 0)
		sscanf(buf, "%*d (%*[^)]) %c", &st);
	check("zombie state", st == 'Z', buf);
	check("zombie listed", lists("/proc", pid, DT_DIR),
	    "no directory for the child");
	waitpid(pid, NULL, 0);
	check("reaped gone", slurp(path, buf, sizeof(buf)) < 0 &&
	    errno == ENOENT, strerror(errno));
	check("reaped not listed", !lists("/proc", pid, DT_DIR),
	    "still listed");
	check("open stat of the reaped", fd >= 0 && read(fd, buf, 10) < 0 &&
	    errno == ESRCH, strerror(errno));
	close(fd);
}

static void
refusals(void)
{
	int fd = open("/proc/self/stat", O_WRONLY);

	check("write refused", fd < 0 && (errno == EACCES || errno == EROFS),
	    strerror(errno));
	check("create refused", mkdir("/proc/x", 0755) < 0 &&
	    (errno == EACCES || errno == EROFS || errno == EPERM),
	    strerror(errno));
	fd = open("/proc/999999/stat", O_RDONLY);
	check("missing pid", fd < 0 && errno == ENOENT, strerror(errno));
	fd = open("/proc/nothing", O_RDONLY);
	check("missing name", fd < 0 && errno == ENOENT, strerror(errno));
}

int
main(int argc, char **argv)
{
	own_stat();
	own_status();
	own_cmdline(argc, argv);
	self_link();
	exe_link(argv[0]);
	fd_links();
	others();
	system_files();
	check("own pid listed", lists("/proc", getpid(), DT_DIR),
	    "not in /proc");
	child();
	refusals();
	return failures;
}
