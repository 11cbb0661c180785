/*
 * The Linux personality's insides, shared by the files of core/linux/.
 *
 * Static Linux binaries (glibc, built with riscv64-linux-gnu-gcc -static)
 * make Linux system calls: `ecall` with the number in a7, arguments in
 * a0..a5, the result or a negative errno in a0.  table.c finds the call;
 * each call is a short function that copies its arguments in, calls the
 * one service that does the work (the same one the native command uses)
 * and copies the result out.  The files split the calls by service:
 * files.c (descriptors), names_at.c (names and attributes), dirs.c, stat.c, terminal.c, memory.c,
 * process.c, signal.c, time.c, system.c, poll.c (ppoll, pselect6),
 * creds.c (user and group ids), task.c (umask, CPU time, name, CPUs).
 *
 * A Linux descriptor is the Subject's own descriptor (core/fs/): no
 * numbering of its own.
 */
#ifndef RUMPK_LINUX_H
#define RUMPK_LINUX_H

#include <stdint.h>

#include "subject.h"

/* The most a program's heap and anonymous mappings hold together, its
 * RLIMIT_AS and RLIMIT_DATA: as much as a native program's heap. */
#define LINUX_AS_MAX	NX_HEAP_MAX

/* A system call: the Subject and its six argument registers. */
typedef int64_t (*linux_fn)(struct subject *s, const uint64_t *a);

/* struct stat of asm-generic (riscv64). */
struct linux_stat {
	uint64_t dev, ino;
	uint32_t mode, nlink, uid, gid;
	uint64_t rdev, pad1;
	int64_t size;
	int32_t blksize, pad2;
	int64_t blocks;
	int64_t atime, atime_ns, mtime, mtime_ns, ctime, ctime_ns;
	uint32_t unused[2];
};

_Static_assert(sizeof(struct linux_stat) == 128, "Linux struct stat");

struct linux_timespec {
	int64_t sec, nsec;
};

/* files.c: a path from user memory into `path` (NX_PATH_MAX). */
int64_t linux_path(struct subject *s, uint64_t upath, char *path);

/* The calls, by file. */
int64_t sys_openat(struct subject *s, const uint64_t *a);
int64_t sys_close(struct subject *s, const uint64_t *a);
int64_t sys_read(struct subject *s, const uint64_t *a);
int64_t sys_write(struct subject *s, const uint64_t *a);
int64_t sys_readv(struct subject *s, const uint64_t *a);
int64_t sys_writev(struct subject *s, const uint64_t *a);
int64_t sys_pread64(struct subject *s, const uint64_t *a);
int64_t sys_pwrite64(struct subject *s, const uint64_t *a);
int64_t sys_lseek(struct subject *s, const uint64_t *a);
int64_t sys_dup(struct subject *s, const uint64_t *a);
int64_t sys_dup3(struct subject *s, const uint64_t *a);
/* pipes.c */
int64_t sys_pipe2(struct subject *s, const uint64_t *a);
int64_t sys_fcntl(struct subject *s, const uint64_t *a);
int64_t sys_flock(struct subject *s, const uint64_t *a);
int64_t sys_fsync(struct subject *s, const uint64_t *a);
int64_t sys_sendfile(struct subject *s, const uint64_t *a);

int64_t sys_mkdirat(struct subject *s, const uint64_t *a);
int64_t sys_mknodat(struct subject *s, const uint64_t *a);
/* futex.c */
int64_t sys_futex(struct subject *s, const uint64_t *a);
int64_t sys_unlinkat(struct subject *s, const uint64_t *a);
int64_t sys_renameat2(struct subject *s, const uint64_t *a);
int64_t sys_symlinkat(struct subject *s, const uint64_t *a);
int64_t sys_linkat(struct subject *s, const uint64_t *a);
int64_t sys_fchmod(struct subject *s, const uint64_t *a);
int64_t sys_fchmodat(struct subject *s, const uint64_t *a);
int64_t sys_fchownat(struct subject *s, const uint64_t *a);
int64_t sys_fchown(struct subject *s, const uint64_t *a);
int64_t sys_utimensat(struct subject *s, const uint64_t *a);
int64_t sys_statfs(struct subject *s, const uint64_t *a);
int64_t sys_fstatfs(struct subject *s, const uint64_t *a);
int64_t sys_truncate(struct subject *s, const uint64_t *a);
int64_t sys_ftruncate(struct subject *s, const uint64_t *a);

int64_t sys_getdents64(struct subject *s, const uint64_t *a);
int64_t sys_getcwd(struct subject *s, const uint64_t *a);
int64_t sys_chdir(struct subject *s, const uint64_t *a);

int64_t sys_fstat(struct subject *s, const uint64_t *a);
int64_t sys_newfstatat(struct subject *s, const uint64_t *a);
int64_t sys_statx(struct subject *s, const uint64_t *a);
int64_t sys_faccessat(struct subject *s, const uint64_t *a);
int64_t sys_readlinkat(struct subject *s, const uint64_t *a);

int64_t sys_ioctl(struct subject *s, const uint64_t *a);
/* session.c */
int64_t sys_setsid(struct subject *s, const uint64_t *a);
int64_t sys_setpgid(struct subject *s, const uint64_t *a);
int64_t sys_getpgid(struct subject *s, const uint64_t *a);
int64_t sys_getsid(struct subject *s, const uint64_t *a);

int64_t sys_brk(struct subject *s, const uint64_t *a);
int64_t sys_mmap(struct subject *s, const uint64_t *a);
int64_t sys_munmap(struct subject *s, const uint64_t *a);
int64_t sys_mprotect(struct subject *s, const uint64_t *a);
int64_t sys_mremap(struct subject *s, const uint64_t *a);

int64_t sys_exit(struct subject *s, const uint64_t *a);
int64_t sys_getpid(struct subject *s, const uint64_t *a);
int64_t sys_getppid(struct subject *s, const uint64_t *a);
int64_t sys_sched_yield(struct subject *s, const uint64_t *a);
/* Processes: process.c, exec.c, wait.c. */
int64_t sys_clone(struct subject *s, const uint64_t *a);
int64_t sys_set_tid_address(struct subject *s, const uint64_t *a);
int64_t sys_execve(struct subject *s, const uint64_t *a);
int64_t sys_wait4(struct subject *s, const uint64_t *a);
int64_t sys_waitid(struct subject *s, const uint64_t *a);

int64_t sys_kill(struct subject *s, const uint64_t *a);
int64_t sys_tkill(struct subject *s, const uint64_t *a);
int64_t sys_tgkill(struct subject *s, const uint64_t *a);
int64_t sys_rt_sigprocmask(struct subject *s, const uint64_t *a);
int64_t sys_rt_sigaction(struct subject *s, const uint64_t *a);
int64_t sys_rt_sigpending(struct subject *s, const uint64_t *a);
int64_t sys_rt_sigsuspend(struct subject *s, const uint64_t *a);
int64_t sys_rt_sigreturn(struct subject *s, const uint64_t *a);
int64_t sys_rt_sigtimedwait(struct subject *s, const uint64_t *a);
int64_t sys_sigaltstack(struct subject *s, const uint64_t *a);
int64_t sys_setitimer(struct subject *s, const uint64_t *a);
int64_t sys_getitimer(struct subject *s, const uint64_t *a);

int64_t sys_clock_gettime(struct subject *s, const uint64_t *a);
int64_t sys_clock_getres(struct subject *s, const uint64_t *a);
int64_t sys_gettimeofday(struct subject *s, const uint64_t *a);
int64_t sys_nanosleep(struct subject *s, const uint64_t *a);
int64_t sys_clock_nanosleep(struct subject *s, const uint64_t *a);

int64_t sys_uname(struct subject *s, const uint64_t *a);
int64_t sys_sysinfo(struct subject *s, const uint64_t *a);
int64_t sys_prlimit64(struct subject *s, const uint64_t *a);
int64_t sys_getrandom(struct subject *s, const uint64_t *a);
int64_t sys_socket(struct subject *s, const uint64_t *a);

/* poll.c */
int64_t sys_ppoll(struct subject *s, const uint64_t *a);
int64_t sys_pselect6(struct subject *s, const uint64_t *a);
/* creds.c */
int64_t sys_setuid(struct subject *s, const uint64_t *a);
int64_t sys_setgid(struct subject *s, const uint64_t *a);
int64_t sys_setreuid(struct subject *s, const uint64_t *a);
int64_t sys_setregid(struct subject *s, const uint64_t *a);
int64_t sys_setresuid(struct subject *s, const uint64_t *a);
int64_t sys_setresgid(struct subject *s, const uint64_t *a);
int64_t sys_getresuid(struct subject *s, const uint64_t *a);
int64_t sys_getresgid(struct subject *s, const uint64_t *a);
int64_t sys_setfsuid(struct subject *s, const uint64_t *a);
int64_t sys_setfsgid(struct subject *s, const uint64_t *a);
int64_t sys_getuid(struct subject *s, const uint64_t *a);
int64_t sys_geteuid(struct subject *s, const uint64_t *a);
int64_t sys_getgid(struct subject *s, const uint64_t *a);
int64_t sys_getegid(struct subject *s, const uint64_t *a);
int64_t sys_getgroups(struct subject *s, const uint64_t *a);
int64_t sys_setgroups(struct subject *s, const uint64_t *a);
/* task.c */
int64_t sys_umask(struct subject *s, const uint64_t *a);
int64_t sys_getrusage(struct subject *s, const uint64_t *a);
int64_t sys_times(struct subject *s, const uint64_t *a);
int64_t sys_prctl(struct subject *s, const uint64_t *a);
int64_t sys_sched_getaffinity(struct subject *s, const uint64_t *a);
int64_t sys_sched_setaffinity(struct subject *s, const uint64_t *a);

#endif
