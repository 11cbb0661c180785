/*
 * The Linux system-call table: the number in a7 picks the function.
 * Anything not listed returns ENOSYS, and the program's first use of each
 * such call is reported in one line naming it.
 */
#include <string.h>

#include "linux.h"
#include "names.h"

enum {
	SYS_getcwd = 17, SYS_dup = 23, SYS_dup3 = 24, SYS_fcntl = 25, SYS_ioctl = 29, SYS_faccessat = 48,
	SYS_flock = 32, SYS_mknodat = 33, SYS_mkdirat = 34, SYS_unlinkat = 35,
	SYS_symlinkat = 36,
	SYS_linkat = 37, SYS_statfs = 43, SYS_fstatfs = 44, SYS_truncate = 45,
	SYS_ftruncate = 46, SYS_fchmod = 52, SYS_fchmodat = 53,
	SYS_sendfile = 71, SYS_utimensat = 88, SYS_renameat2 = 276,
	SYS_chdir = 49, SYS_openat = 56, SYS_close = 57, SYS_pipe2 = 59,
	SYS_getdents64 = 61,
	SYS_lseek = 62, SYS_read = 63, SYS_write = 64, SYS_readv = 65,
	SYS_writev = 66, SYS_pread64 = 67, SYS_pwrite64 = 68,
	SYS_readlinkat = 78, SYS_newfstatat = 79, SYS_fstat = 80,
	SYS_fsync = 82, SYS_fdatasync = 83, SYS_exit = 93,
	SYS_exit_group = 94, SYS_set_tid_address = 96,
	SYS_futex = 98, SYS_set_robust_list = 99, SYS_nanosleep = 101,
	SYS_clock_gettime = 113, SYS_clock_getres = 114,
	SYS_clock_nanosleep = 115, SYS_sched_yield = 124, SYS_kill = 129,
	SYS_tkill = 130, SYS_tgkill = 131, SYS_rt_sigprocmask = 135,
	SYS_uname = 160, SYS_gettimeofday = 169, SYS_getpid = 172,
	SYS_getppid = 173, SYS_getuid = 174, SYS_geteuid = 175,
	SYS_getgid = 176, SYS_getegid = 177, SYS_gettid = 178,
	SYS_sysinfo = 179,
	SYS_brk = 214, SYS_munmap = 215, SYS_mremap = 216, SYS_mmap = 222,
	SYS_mprotect = 226,
	SYS_prlimit64 = 261, SYS_getrandom = 278, SYS_statx = 291,
	SYS_rseq = 293, SYS_socket = 198, SYS_socketpair = 199,
	SYS_setpgid = 154, SYS_getpgid = 155, SYS_getsid = 156,
	SYS_setsid = 157,
	/* File owners (core/linux/names_at.c). */
	SYS_fchownat = 54, SYS_fchown = 55,
	/* Processes (fork helper). */
	SYS_waitid = 95, SYS_clone = 220, SYS_execve = 221, SYS_wait4 = 260,
	/* signals (core/linux/signal.c) */
	SYS_getitimer = 102, SYS_setitimer = 103, SYS_sigaltstack = 132,
	SYS_rt_sigsuspend = 133, SYS_rt_sigaction = 134,
	SYS_rt_sigpending = 136, SYS_rt_sigtimedwait = 137,
	SYS_rt_sigreturn = 139,
	/* poll.c, creds.c, task.c */
	SYS_pselect6 = 72, SYS_ppoll = 73, SYS_sched_setaffinity = 122,
	SYS_sched_getaffinity = 123, SYS_setregid = 143, SYS_setgid = 144,
	SYS_setreuid = 145, SYS_setuid = 146, SYS_setresuid = 147,
	SYS_getresuid = 148, SYS_setresgid = 149, SYS_getresgid = 150,
	SYS_setfsuid = 151, SYS_setfsgid = 152, SYS_times = 153,
	SYS_getgroups = 158, SYS_setgroups = 159, SYS_getrusage = 165,
	SYS_umask = 166, SYS_prctl = 167,
};

static int64_t
sys_zero(struct subject *s, const uint64_t *a)
{
	(void)s;
	(void)a;
	return 0;
}

static int64_t
sys_enosys_quiet(struct subject *s, const uint64_t *a)
{
	(void)s;
	(void)a;
	return NX_ENOSYS;
}

/* Indexed by the call's number: one load finds it.  An index past the
 * end does not compile. */
#define LINUX_CALLS	(SYS_rseq + 1)

static const linux_fn syscalls[LINUX_CALLS] = {
	[SYS_getcwd] = sys_getcwd,
	[SYS_fcntl] = sys_fcntl,
	[SYS_ioctl] = sys_ioctl,
	[SYS_faccessat] = sys_faccessat,
	[SYS_chdir] = sys_chdir,
	[SYS_openat] = sys_openat,
	[SYS_close] = sys_close,
	[SYS_getdents64] = sys_getdents64,
	[SYS_lseek] = sys_lseek,
	[SYS_read] = sys_read,
	[SYS_write] = sys_write,
	[SYS_readv] = sys_readv,
	[SYS_writev] = sys_writev,
	[SYS_pread64] = sys_pread64,
	[SYS_pwrite64] = sys_pwrite64,
	[SYS_dup] = sys_dup,
	[SYS_dup3] = sys_dup3,
	[SYS_pipe2] = sys_pipe2,
	[SYS_fsync] = sys_fsync,
	[SYS_fdatasync] = sys_fsync,
	[SYS_statx] = sys_statx,
	[SYS_readlinkat] = sys_readlinkat,
	[SYS_newfstatat] = sys_newfstatat,
	[SYS_fstat] = sys_fstat,
	[SYS_exit] = sys_exit,
	[SYS_exit_group] = sys_exit,
	[SYS_set_tid_address] = sys_set_tid_address,
	[SYS_futex] = sys_futex,
	[SYS_set_robust_list] = sys_zero,
	[SYS_nanosleep] = sys_nanosleep,
	[SYS_clock_gettime] = sys_clock_gettime,
	[SYS_clock_getres] = sys_clock_getres,
	[SYS_clock_nanosleep] = sys_clock_nanosleep,
	[SYS_sched_yield] = sys_sched_yield,
	[SYS_kill] = sys_kill,
	[SYS_tkill] = sys_tkill,
	[SYS_tgkill] = sys_tgkill,
	[SYS_rt_sigprocmask] = sys_rt_sigprocmask,
	[SYS_uname] = sys_uname,
	[SYS_gettimeofday] = sys_gettimeofday,
	[SYS_getpid] = sys_getpid,
	[SYS_getppid] = sys_getppid,
	[SYS_getuid] = sys_getuid,
	[SYS_geteuid] = sys_geteuid,
	[SYS_getgid] = sys_getgid,
	[SYS_getegid] = sys_getegid,
	[SYS_gettid] = sys_getpid,
	[SYS_sysinfo] = sys_sysinfo,
	[SYS_brk] = sys_brk,
	[SYS_munmap] = sys_munmap,
	[SYS_mremap] = sys_mremap,
	[SYS_mmap] = sys_mmap,
	[SYS_mprotect] = sys_mprotect,
	[SYS_prlimit64] = sys_prlimit64,
	[SYS_getrandom] = sys_getrandom,
	[SYS_rseq] = sys_enosys_quiet,
	[SYS_socket] = sys_socket,
	[SYS_socketpair] = sys_socket,
	[SYS_mkdirat] = sys_mkdirat,
	[SYS_flock] = sys_flock,
	[SYS_mknodat] = sys_mknodat,
	[SYS_unlinkat] = sys_unlinkat,
	[SYS_symlinkat] = sys_symlinkat,
	[SYS_linkat] = sys_linkat,
	[SYS_statfs] = sys_statfs,
	[SYS_fstatfs] = sys_fstatfs,
	[SYS_truncate] = sys_truncate,
	[SYS_ftruncate] = sys_ftruncate,
	[SYS_fchmod] = sys_fchmod,
	[SYS_fchmodat] = sys_fchmodat,
	[SYS_fchownat] = sys_fchownat,
	[SYS_fchown] = sys_fchown,
	[SYS_sendfile] = sys_sendfile,
	[SYS_utimensat] = sys_utimensat,
	[SYS_renameat2] = sys_renameat2,
	[SYS_setpgid] = sys_setpgid,
	[SYS_getpgid] = sys_getpgid,
	[SYS_getsid] = sys_getsid,
	[SYS_setsid] = sys_setsid,
	[SYS_clone] = sys_clone,
	[SYS_execve] = sys_execve,
	[SYS_wait4] = sys_wait4,
	[SYS_waitid] = sys_waitid,
	[SYS_getitimer] = sys_getitimer,
	[SYS_setitimer] = sys_setitimer,
	[SYS_sigaltstack] = sys_sigaltstack,
	[SYS_rt_sigsuspend] = sys_rt_sigsuspend,
	[SYS_rt_sigaction] = sys_rt_sigaction,
	[SYS_rt_sigpending] = sys_rt_sigpending,
	[SYS_rt_sigreturn] = sys_rt_sigreturn,
	[SYS_rt_sigtimedwait] = sys_rt_sigtimedwait,
	[SYS_ppoll] = sys_ppoll,
	[SYS_pselect6] = sys_pselect6,
	[SYS_setuid] = sys_setuid,
	[SYS_setgid] = sys_setgid,
	[SYS_setreuid] = sys_setreuid,
	[SYS_setregid] = sys_setregid,
	[SYS_setresuid] = sys_setresuid,
	[SYS_setresgid] = sys_setresgid,
	[SYS_getresuid] = sys_getresuid,
	[SYS_getresgid] = sys_getresgid,
	[SYS_setfsuid] = sys_setfsuid,
	[SYS_setfsgid] = sys_setfsgid,
	[SYS_getgroups] = sys_getgroups,
	[SYS_setgroups] = sys_setgroups,
	[SYS_umask] = sys_umask,
	[SYS_getrusage] = sys_getrusage,
	[SYS_times] = sys_times,
	[SYS_prctl] = sys_prctl,
	[SYS_sched_getaffinity] = sys_sched_getaffinity,
	[SYS_sched_setaffinity] = sys_sched_setaffinity,
};

/*
 * Says once per program and call that the call is not supported.  A
 * program that tries a call and falls back (a shell creating a pipe for
 * every command) would otherwise fill its own output with the same line.
 * The line starts with "rumpk: " so it can be told from the program's.
 */
static void
tell_unsupported(struct subject *s, uint64_t nr)
{
	uint64_t bit = nr < LINUX_TOLD_BITS ? nr : LINUX_TOLD_BITS - 1;
	uint64_t mask = 1ull << (bit % 64);
	const char *name = linux_call_name(nr);

	if (s->linux_told[bit / 64] & mask)
		return;
	s->linux_told[bit / 64] |= mask;
	if (name)
		kprintf("rumpk: %s: Linux system call %s (%lu) is not "
		    "supported\n", s->name, name, (unsigned long)nr);
	else
		kprintf("rumpk: %s: Linux system call %lu is not supported\n",
		    s->name, (unsigned long)nr);
}

void
linux_syscall(struct subject *s, struct trapframe *tf)
{
	uint64_t nr = tf->x[REG_A7];
	const uint64_t *a = &tf->x[REG_A0];
	uint64_t args[6];

	memcpy(args, a, sizeof(args));
	if (nr < LINUX_CALLS && syscalls[nr]) {
		int64_t r = syscalls[nr](s, args);

		tf->x[REG_A0] = (uint64_t)r;
		signal_call_end(s, nr, args[0], r);	/* EINTR, EPIPE */
		return;
	}
	tell_unsupported(s, nr);
	tf->x[REG_A0] = (uint64_t)(int64_t)NX_ENOSYS;
}
