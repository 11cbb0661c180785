/*
 * libnexus: the native rumpk API for C programs, with or without a libc.
 *
 * Commands go on the Subject's command ring; the doorbell hands them to the
 * kernel, which completes each in order.  The calls below each run one
 * command and return its result: >= 0 on success, or a negative NX_E*
 * error (see nexus/abi.h; nx_strerror() turns it into words).  Console
 * output and input travel as ION packets on the tx and rx rings.
 */
#ifndef LIBNEXUS_H
#define LIBNEXUS_H

#include <stddef.h>
#include <stdint.h>

#include "nexus/abi.h"

/* Writes `len` bytes to standard output (descriptor 1: the terminal, or
 * wherever it was pointed) through the tx ring.  Returns `len`, or
 * NX_ENOMEM when no slab can be had for the output. */
long nx_write(const void *buf, size_t len);

/* Reads standard input (descriptor 0) from the rx ring: waits until some
 * has arrived, returns how many bytes were stored (1 .. len), or 0 at
 * the end of input (when descriptor 0 is a file).  NX_ENOMEM: the
 * program holds every slab; NX_EBADF: descriptor 0 is closed. */
long nx_read(void *buf, size_t len);

/*
 * Runs the program at `path` with `argv` (NULL-terminated; envp may be
 * NULL).  With NX_EXEC_REPLACE in `flags` the program replaces the caller
 * and the call returns only on failure; otherwise the program starts as a
 * new Subject and the call returns its id.  Errors: NX_ENOENT (no such
 * file), NX_ENOEXEC (not a program this kernel runs; the reason goes to
 * `why` if it is not NULL), NX_E2BIG, NX_EFAULT, NX_ENOMEM, NX_EAGAIN (too
 * many Subjects), NX_EINVAL (unknown flags).
 */
long nx_exec(const char *path, char *const argv[], char *const envp[],
    unsigned flags, char *why, size_t whylen);

/*
 * Starts the program at `path` as a new Subject whose descriptors are
 * the caller's (those not close-on-exec) changed by `nactions` actions
 * (NX_SPAWN_DUP2, NX_SPAWN_CLOSE, NX_SPAWN_OPEN; as posix_spawn's file
 * actions, in order, at most NX_SPAWN_MAX_ACTIONS).  `job` 0 gives it a
 * job of its own; the id of a child that leads one puts it in that job
 * (Ctrl-C ends a job whole: a pipeline's programs).  Returns its id, or
 * nx_exec's errors and the failing action's (NX_EBADF, NX_ENOENT, ...;
 * `why` says which action), NX_EINVAL (a bad action), NX_ESRCH (no such
 * job); nothing is left of the child then.  `flags`: 0, or
 * NX_EXEC_FOREGROUND for a job that has the terminal from its start (a
 * shell that waits for it next).  An exec that replaces the caller with
 * actions fills NxExecArgs itself (CMD_SYS_EXEC).
 */
long nx_spawn(const char *path, char *const argv[], char *const envp[],
    const NxSpawnAction *actions, uint32_t nactions, uint32_t job,
    uint32_t flags, char *why, size_t whylen);

/* Makes a pipe: fds[0] its read end, fds[1] its write end.  `flags`:
 * NX_O_CLOEXEC, NX_O_NONBLOCK.  Reads wait for bytes and return 0 once
 * every write end is closed; writes wait for room (up to 4096 bytes go
 * in whole) and fail with NX_EPIPE once every read end is closed.
 * 0, NX_EINVAL, NX_EFAULT, NX_EMFILE, NX_ENOMEM. */
long nx_pipe(int fds[2], uint32_t flags);

/*
 * Files.  Descriptors 0, 1 and 2 are open from the start (the terminal,
 * or what the parent had there).  nx_open returns the lowest free
 * descriptor: NX_ENOENT, NX_ENOTDIR, NX_ELOOP, NX_ENAMETOOLONG, NX_EEXIST
 * (NX_O_CREAT with NX_O_EXCL), NX_ENOSPC, NX_ENXIO (a device node with nothing behind
 * it), NX_EMFILE (NX_FD_MAX open already).  Reads and writes continue
 * from the descriptor's offset; reads return 0 at the end (NX_EISDIR for
 * a directory).  nx_readdir stores the next entry and returns 1, or 0
 * after the last.  nx_seek returns the new offset (NX_EINVAL outside a
 * read-only file, NX_ESPIPE on a terminal).  nx_getcwd returns the
 * length.  nx_dup duplicates `fd`: flags 0 at the lowest free
 * descriptor from `to`, NX_DUP_FIXED at `to` exactly (closing what was
 * there), NX_DUP_CLOEXEC closing the copy on exec.  nx_fdctl is
 * fcntl's F_GETFD ... F_SETFL (NX_FD_*).
 */
long nx_open(const char *path, uint32_t flags);
long nx_fread(long fd, void *buf, size_t len);
long nx_fwrite(long fd, const void *buf, size_t len);
long nx_dup(long fd, long to, uint32_t flags);
long nx_fdctl(long fd, uint32_t op, uint64_t arg);
/* 1 when `fd` is a terminal, 0 when not, or an error (NX_EBADF). */
long nx_isatty(long fd);
/* The settings of the terminal `fd` is open on: `op` NX_TTY_GET stores
 * them in *t, NX_TTY_SET sets them, NX_TTY_SETF also drops unread input.
 * 0, NX_ENOTTY, NX_EBADF, NX_EINVAL, NX_EFAULT. */
long nx_tty(long fd, uint32_t op, NxTermios *t);
long nx_readdir(long fd, NxDirent *d);
long nx_seek(long fd, int64_t offset, uint32_t whence);
long nx_close(long fd);
long nx_stat(const char *path, NxStat *st);
long nx_lstat(const char *path, NxStat *st);	/* links themselves */
long nx_fstat(long fd, NxStat *st);
long nx_chdir(const char *path);
long nx_getcwd(char *buf, size_t len);
/* Up to `len` bytes of a symbolic link's target, unterminated: how many
 * (NX_EINVAL when `path` is not a link). */
long nx_readlink(const char *path, char *buf, size_t len);

/*
 * Writing and the name space (user/lib/names.c).  nx_open creates a file
 * (NX_O_CREAT) with permission bits 0644, nx_open_mode with `mode`.  The
 * flags: NX_O_CREAT makes the file if missing, with NX_O_EXCL fails with
 * NX_EEXIST if it is there; NX_O_TRUNC empties it; NX_O_APPEND writes
 * each nx_fwrite at the end.  nx_truncate sets the size of a file open
 * for writing (growing reads zeros).
 *
 * Names: nx_mkdir makes a directory, nx_unlink removes a name that is
 * not a directory (NX_EISDIR), nx_rmdir an empty directory
 * (NX_ENOTEMPTY, NX_ENOTDIR); nx_rename moves a name atomically,
 * replacing what `to` named (a file by a file, an empty directory by a
 * directory; NX_EINVAL for a directory into itself, NX_EXDEV across file
 * systems); nx_rename2 takes NX_RENAME_NOREPLACE (then NX_EEXIST);
 * nx_symlink makes `path` a symbolic link whose text is `target`;
 * nx_link gives the file `old` another name.  NX_EEXIST when a new name
 * is taken, NX_EROFS in a read-only file system, NX_ENOSPC when it is
 * full, and the lookup errors of nx_open.
 *
 * Attributes: nx_chmod sets the permission bits (07777); nx_utimes the
 * access and modification times, in ns since 1970 (NX_TIME_NOW for the
 * wall clock's now); nx_setattr any of them, also by descriptor
 * (NX_ATTR_FD) or of a link itself (NX_ATTR_NOFOLLOW).  nx_statfs fills
 * `st` with the figures of the file system holding `path`.  All return 0
 * or an error.
 */
long nx_open_mode(const char *path, uint32_t flags, uint32_t mode);
long nx_truncate(long fd, uint64_t length);
long nx_mkdir(const char *path, uint32_t mode);
long nx_unlink(const char *path);
long nx_rmdir(const char *path);
long nx_rename(const char *from, const char *to);
long nx_rename2(const char *from, const char *to, uint32_t flags);
long nx_symlink(const char *target, const char *path);
long nx_link(const char *old, const char *new);
long nx_setattr(const NxSetattrArgs *a);
long nx_chmod(const char *path, uint32_t mode);
long nx_utimes(const char *path, uint64_t atime_ns, uint64_t mtime_ns);
long nx_statfs(const char *path, NxStatfs *st);

/* Waits for a child (id, or 0 for any) to end; returns its id and fills
 * `w` with how.  NX_ECHILD: no such child. */
long nx_wait(uint32_t id, NxWaitArgs *w);
/* Ends the caller or one of its children.  NX_ESRCH, NX_EPERM. */
long nx_kill(uint32_t id);
/* Lets other Subjects run. */
void nx_yield(void);
/* Lists up to `max` Subjects; returns how many. */
long nx_ps(NxSubjectInfo *buf, uint32_t max);
/* Memory figures, and the heap: nx_brk sets its end (0 asks where it
 * is), nx_sbrk moves it by `delta` and returns the old end; both give
 * NX_ENOMEM past NX_HEAP_MAX or when memory runs out. */
long nx_mem_stat(NxMemStat *m);
int64_t nx_brk(uint64_t end);
void *nx_sbrk(int64_t delta);

/* Ends the calling Subject with `status`. */
void nx_exit(int status) __attribute__((noreturn));

/* Ends the machine (QEMU exits with status 0). */
void nx_poweroff(void) __attribute__((noreturn));

/* Nanoseconds since boot. */
int64_t nx_uptime_ns(void);
/* The wall clock: nanoseconds since 1970 (UTC); since boot when the
 * machine has no RTC.  One command, as nx_uptime_ns. */
int64_t nx_realtime_ns(void);

/* Packet pool figures (CMD_ION_STAT).  0 or NX_EFAULT. */
long nx_ion_stat(NxIonStat *st);

/* Copies up to `max` of the newest audit log entries to `buf`, oldest
 * first; returns how many.  `*held` gets the entries in the log, `*broken`
 * -1 when the hash chain verifies, else the first bad entry's number. */
long nx_audit(NxAuditEntry *buf, uint32_t max, uint32_t *held,
    int64_t *broken);
/* The same for one Subject's entries (`*held`: how many the log keeps of
 * them); 0 means every Subject's, as nx_audit. */
long nx_audit_of(uint32_t subject, NxAuditEntry *buf, uint32_t max,
    uint32_t *held, int64_t *broken);
/* The receipt of this program's command number `seq` (its completion's
 * `seq`): its audit entry, tag included, in `*e`.  0, NX_ENOENT (no such
 * entry held: a rejected command, or one the log no longer keeps), or
 * NX_EFAULT. */
long nx_receipt(uint32_t seq, NxAuditEntry *e);

/*
 * The ring itself, for batching: nx_submit queues a command (ringing the
 * doorbell first if the ring is full); nx_flush rings the doorbell,
 * collects every outstanding completion and returns the result of the
 * last one.  nx_call is both.  Queued commands reach the shared ring when
 * the doorbell rings; nx_publish puts them there without ringing, for a
 * program that rings the doorbell itself (then nx_flush collects).
 */
void nx_submit_packet(const CmdPacket *p);	/* any packet, as is */
int64_t nx_flush(void);
void nx_publish(void);
int64_t nx_call(uint32_t kind, uint64_t arg);
/* Queues an output packet as is (for tests of the kernel's checks). */
void nx_tx_packet(const NxPacket *p);
/* The raw doorbell: `ecall` asking for `want` completions.  A call: it
 * keeps s0-s11, gp, tp, sp and ra, and a1-a7, t0-t6 come back zero. */
long nx_doorbell(uint64_t want);

/*
 * nx_submit is in line: queueing a command is a few stores into the ring
 * while the queue has room (nx_q, libnexus's own: `next` up to `stop`,
 * never past the ring's end), and a call otherwise.  Pointers, not
 * indices: a store into a packet can then never be taken for a change of
 * the queue, which the compiler would load again after every command.
 */
struct nx_queue {
	CmdPacket *next;	/* where the next command goes */
	CmdPacket *stop;	/* where the queue must make room first */
};
extern struct nx_queue nx_q;
void nx_submit_slowly(uint32_t kind, uint64_t arg);

static inline void
nx_submit(uint32_t kind, uint64_t arg)
{
	CmdPacket *p = nx_q.next;

	if (p == nx_q.stop) {
		nx_submit_slowly(kind, arg);
		return;
	}
	nx_q.next = p + 1;
	p->kind = kind;
	p->reserved = 0;
	p->arg = arg;
}

/* Attaches to the rings; the start-up code calls it before main(). */
void nx_init(void);

/* The read-only SysTable of this Subject. */
static inline const NxSysTable *
nx_systable(void)
{
	return (const NxSysTable *)NX_SYSTABLE_VA;
}

/* Helpers for programs without a libc. */
void nx_print(const char *s);			/* a string, as is */
int nx_printf(const char *fmt, ...)		/* %s %d %u %x %p %c */
    __attribute__((format(printf, 1, 2)));
const char *nx_strerror(long err);		/* "No such file or directory" */
const char *nx_cmd_name(uint32_t kind);	/* "FS_OPEN"; NULL: unknown */

#endif
