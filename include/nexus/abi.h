/*
 * The kernel/user ABI of rumpk: the one and only definition.
 *
 * Kernel, membrane, user programs and host tests all include this file.
 * Every structure that crosses the user/kernel boundary is defined here and
 * pinned with _Static_assert on its size and field offsets, so a layout
 * change breaks the build instead of turning commands into garbage (the
 * original rumpk's command ring failed exactly that way).
 *
 * Shared memory is little-endian RV64; pointers crossing the boundary are
 * carried as uint64_t user virtual addresses and never trusted.
 */
#ifndef NEXUS_ABI_H
#define NEXUS_ABI_H

#include <stddef.h>
#include <stdint.h>

#define NX_ABI_VERSION		3
#define NX_SYSTABLE_MAGIC	0x4E585553u	/* "NXUS" */

/*
 * User address space (Sv39, per Subject).  Programs are linked and loaded
 * inside [NX_USER_BASE, NX_IMAGE_TOP); the heap grows from the end of the
 * image up to NX_HEAP_TOP; the fixed pages sit at the top.  Everything at or
 * above NX_USER_TOP belongs to the kernel and is never user-accessible.
 */
#define NX_PAGE_SIZE		4096ul
#define NX_USER_BASE		0x0000000000010000ul
#define NX_IMAGE_TOP		0x0000000040000000ul
#define NX_HEAP_TOP		0x0000000070000000ul
#define NX_STACK_TOP		0x000000007fe00000ul
#define NX_STACK_SIZE		(8ul << 20)	/* Linux's default limit */
#define NX_RING_BASE		0x000000007fff0000ul	/* cmd, cq, rx, tx */
#define NX_SYSTABLE_VA		0x000000007ffff000ul
/* Linux programs: `li a7, 139; ecall` (rt_sigreturn), where a signal
 * handler returns to (riscv has no sa_restorer).  Read and execute,
 * shared by all, never writable. */
#define NX_SIGRETURN_VA		0x000000007fffe000ul
#define NX_USER_TOP		0x0000000080000000ul

/* Command kinds, grouped by service; the seed's numbers are kept. */
enum {
	CMD_SYS_NOOP		= 0x000,	/* result: 0 */

	/* The name space: paths relative to the current directory. */
	CMD_PATH_MKDIR		= 0x100,	/* arg: NxPathArgs* {path, mode} */
	CMD_PATH_UNLINK		= 0x101,	/* arg: NxPathArgs* {path, flags} */
	CMD_PATH_RENAME		= 0x102,	/* arg: NxPath2Args* */
	CMD_PATH_SYMLINK	= 0x103,	/* arg: NxPath2Args* {target, path} */
	CMD_PATH_LINK		= 0x104,	/* arg: NxPath2Args* {old, new} */
	CMD_PATH_SETATTR	= 0x105,	/* arg: NxSetattrArgs* */
	CMD_PATH_STATFS		= 0x106,	/* arg: NxStatfsArgs* */

	CMD_FS_OPEN		= 0x200,	/* arg: NxOpenArgs*; result: fd */
	CMD_FS_READ		= 0x201,	/* arg: NxRwArgs*; result: bytes */
	CMD_FS_READDIR		= 0x202,	/* arg: NxRwArgs* (NxDirent) */
	CMD_FS_CLOSE		= 0x203,	/* arg: fd */
	CMD_FS_SEEK		= 0x204,	/* arg: NxSeekArgs*; result: offset */
	CMD_FS_STAT		= 0x205,	/* arg: NxStatArgs* */
	CMD_FS_CHDIR		= 0x206,	/* arg: path */
	CMD_FS_GETCWD		= 0x207,	/* arg: NxRwArgs*; result: length */
	CMD_FS_READLINK		= 0x208,	/* arg: NxReadlinkArgs*; result: length */
	CMD_FS_WRITE		= 0x209,	/* arg: NxRwArgs*; result: bytes */
	CMD_FS_DUP		= 0x20a,	/* arg: NxDupArgs*; result: fd */
	CMD_FS_FDCTL		= 0x20b,	/* arg: NxFdctlArgs*; result: per op */
	CMD_FS_TRUNCATE		= 0x20c,	/* arg: NxTruncateArgs* */
	CMD_FS_PIPE		= 0x20d,	/* arg: NxPipeArgs* */
	CMD_FS_TTY		= 0x20f,	/* arg: NxTtyArgs* */

	CMD_ION_FREE		= 0x300,	/* arg: slab index */
	CMD_ION_ALLOC		= 0x301,	/* arg: count; result: bitmask */
	CMD_ION_RX_WAIT		= 0x302,	/* result: packets on rx ring */
	CMD_ION_STAT		= 0x303,	/* arg: NxIonStat* */

	CMD_SYS_EXEC		= 0x400,	/* arg: NxExecArgs* */
	CMD_SYS_EXIT		= 0x401,	/* arg: exit status */
	CMD_SYS_WAIT		= 0x402,	/* arg: NxWaitArgs*; result: id */
	CMD_SYS_KILL		= 0x403,	/* arg: Subject id */
	CMD_SYS_YIELD		= 0x404,
	CMD_SYS_PS		= 0x405,	/* arg: NxPsArgs*; result: count */
	CMD_SYS_AUDIT		= 0x406,	/* arg: NxAuditArgs* */
	CMD_SYS_POWEROFF	= 0x407,	/* arg: 0 */
	CMD_SYS_RECEIPT		= 0x408,	/* arg: NxReceiptArgs* */

	CMD_MEM_BRK		= 0x500,	/* arg: new break, 0 asks */
	CMD_MEM_STAT		= 0x501,	/* arg: NxMemStat* */

	CMD_TIME_UPTIME		= 0x600,	/* result: ns since boot */
	CMD_TIME_SLEEP		= 0x601,	/* arg: nanoseconds */
};

/* Errors are negative results; the numbers match Linux's errno values. */
enum {
	NX_OK		= 0,
	NX_EPERM	= -1,
	NX_ENOENT	= -2,
	NX_ESRCH	= -3,
	NX_EINTR	= -4,
	NX_EIO		= -5,
	NX_ENXIO	= -6,
	NX_E2BIG	= -7,
	NX_ENOEXEC	= -8,
	NX_EBADF	= -9,
	NX_ECHILD	= -10,
	NX_EAGAIN	= -11,
	NX_ENOMEM	= -12,
	NX_EACCES	= -13,
	NX_EFAULT	= -14,
	NX_EBUSY	= -16,
	NX_EEXIST	= -17,
	NX_EXDEV	= -18,
	NX_ENODEV	= -19,
	NX_ENOTDIR	= -20,
	NX_EISDIR	= -21,
	NX_EINVAL	= -22,
	NX_EMFILE	= -24,
	NX_ENOTTY	= -25,
	NX_EFBIG	= -27,
	NX_ENOSPC	= -28,
	NX_ESPIPE	= -29,
	NX_EROFS	= -30,
	NX_EPIPE	= -32,	/* the pipe's read end is closed */
	NX_ERANGE	= -34,
	NX_ENAMETOOLONG	= -36,
	NX_ENOLCK	= -37,
	NX_ENOSYS	= -38,
	NX_ENOTEMPTY	= -39,
	NX_ELOOP	= -40,
	NX_EAFNOSUPPORT	= -97,	/* no sockets of that family (none) */
	NX_EALREADY	= -114,
};

/*
 * One command, user -> kernel.  Its completion comes back in the same
 * order, one per command, so no tag of the caller's is needed to match
 * them (ABI 3 dropped the 16-byte one ABI 2 echoed).
 */
typedef struct CmdPacket {
	uint32_t kind;
	uint32_t reserved;	/* must be zero */
	uint64_t arg;		/* scalar, or user pointer to an argument block */
} CmdPacket;

_Static_assert(sizeof(CmdPacket) == 16, "CmdPacket size");
_Static_assert(offsetof(CmdPacket, kind) == 0, "CmdPacket.kind");
_Static_assert(offsetof(CmdPacket, reserved) == 4, "CmdPacket.reserved");
_Static_assert(offsetof(CmdPacket, arg) == 8, "CmdPacket.arg");

/*
 * One completion, kernel -> user, posted in command order.  The batch's
 * provenance tag is computed later: CMD_SYS_RECEIPT gives the log entry,
 * tag included, for a sequence number (docs/ABI.md, Provenance).
 */
typedef struct NxCompletion {
	int64_t result;		/* >= 0 success, < 0 an NX_E* error */
	uint32_t kind;		/* the command's kind */
	uint32_t seq;		/* the Subject's command sequence number */
} NxCompletion;

_Static_assert(sizeof(NxCompletion) == 16, "NxCompletion size");
_Static_assert(offsetof(NxCompletion, result) == 0, "NxCompletion.result");
_Static_assert(offsetof(NxCompletion, kind) == 8, "NxCompletion.kind");
_Static_assert(offsetof(NxCompletion, seq) == 12, "NxCompletion.seq");

/*
 * A ring occupies one page: this header, then `mask + 1` slots of
 * `slot_size` bytes starting at NX_RING_SLOTS.  The producer writes only
 * `head`, the consumer only `tail`; both run freely and wrap modulo 2^32.
 * libs/ring.h holds the one implementation and explains the ordering.
 */
typedef struct NxRingHeader {
	uint32_t head;
	uint32_t tail;
	uint32_t mask;		/* slots - 1, slots a power of two */
	uint32_t slot_size;
	uint32_t reserved[12];
} NxRingHeader;

#define NX_RING_SLOTS		64	/* byte offset of slot 0 in the page */
#define NX_CMD_SLOTS		64
#define NX_CQ_SLOTS		64
#define NX_PKT_SLOTS		64	/* rx and tx rings */

_Static_assert(sizeof(NxRingHeader) == NX_RING_SLOTS, "NxRingHeader size");
_Static_assert(offsetof(NxRingHeader, head) == 0, "NxRingHeader.head");
_Static_assert(offsetof(NxRingHeader, tail) == 4, "NxRingHeader.tail");
_Static_assert(offsetof(NxRingHeader, mask) == 8, "NxRingHeader.mask");
_Static_assert(offsetof(NxRingHeader, slot_size) == 12,
    "NxRingHeader.slot_size");
_Static_assert(NX_RING_SLOTS + NX_CMD_SLOTS * sizeof(CmdPacket) <=
    NX_PAGE_SIZE, "command ring fits a page");
_Static_assert(NX_RING_SLOTS + NX_CQ_SLOTS * sizeof(NxCompletion) <=
    NX_PAGE_SIZE, "completion ring fits a page");

/*
 * ION packets.  Each Subject has NX_SLABS slabs of NX_SLAB_SIZE bytes at
 * NX_SLAB_BASE, mapped into it alone.  A slab is owned either by the
 * kernel or by the Subject; the rx and tx rings carry descriptors naming a
 * slab and how many of its bytes are used.
 */
#define NX_SLAB_SIZE		512
#define NX_SLABS		32
#define NX_SLAB_BASE		0x000000007ffe0000ul

typedef struct NxPacket {
	uint32_t slab;		/* index, 0 .. NX_SLABS-1 */
	uint32_t len;		/* bytes used, <= NX_SLAB_SIZE */
} NxPacket;

_Static_assert(sizeof(NxPacket) == 8, "NxPacket size");
_Static_assert(offsetof(NxPacket, slab) == 0, "NxPacket.slab");
_Static_assert(offsetof(NxPacket, len) == 4, "NxPacket.len");
_Static_assert(NX_SLABS <= 64, "CMD_ION_ALLOC returns a 64-bit mask");
_Static_assert(NX_SLABS * NX_SLAB_SIZE % NX_PAGE_SIZE == 0,
    "slabs fill whole pages");
_Static_assert(NX_SLAB_BASE + NX_SLABS * NX_SLAB_SIZE <= NX_RING_BASE,
    "slabs sit below the rings");

/* The read-only page at NX_SYSTABLE_VA that tells a Subject where it lives. */
typedef struct NxSysTable {
	uint32_t magic;		/* NX_SYSTABLE_MAGIC */
	uint32_t abi_version;	/* NX_ABI_VERSION */
	uint32_t subject_id;
	uint32_t reserved0;
	uint8_t identity[16];	/* SipHash-128 of the Subject's ELF image */
	uint64_t cmd_ring;	/* user VA of the command ring page */
	uint64_t cq_ring;	/* user VA of the completion ring page */
	uint64_t rx_ring;	/* user VA of the console rx ring page, or 0 */
	uint64_t tx_ring;	/* user VA of the console tx ring page, or 0 */
	uint64_t slab_base;	/* user VA of the ION packet slabs, or 0 */
	uint32_t slab_size;
	uint32_t slab_count;
	uint64_t timebase_hz;	/* frequency of the rdtime counter */
	/* The wall clock at boot, in ns since 1970 (UTC), or 0 without an
	 * RTC: the time now is this plus CMD_TIME_UPTIME's answer. */
	uint64_t boot_epoch_ns;
	uint64_t reserved[4];
} NxSysTable;

_Static_assert(sizeof(NxSysTable) == 128, "NxSysTable size");
_Static_assert(offsetof(NxSysTable, magic) == 0, "NxSysTable.magic");
_Static_assert(offsetof(NxSysTable, abi_version) == 4,
    "NxSysTable.abi_version");
_Static_assert(offsetof(NxSysTable, subject_id) == 8,
    "NxSysTable.subject_id");
_Static_assert(offsetof(NxSysTable, identity) == 16, "NxSysTable.identity");
_Static_assert(offsetof(NxSysTable, cmd_ring) == 32, "NxSysTable.cmd_ring");
_Static_assert(offsetof(NxSysTable, cq_ring) == 40, "NxSysTable.cq_ring");
_Static_assert(offsetof(NxSysTable, rx_ring) == 48, "NxSysTable.rx_ring");
_Static_assert(offsetof(NxSysTable, tx_ring) == 56, "NxSysTable.tx_ring");
_Static_assert(offsetof(NxSysTable, slab_base) == 64, "NxSysTable.slab_base");
_Static_assert(offsetof(NxSysTable, slab_size) == 72, "NxSysTable.slab_size");
_Static_assert(offsetof(NxSysTable, slab_count) == 76,
    "NxSysTable.slab_count");
_Static_assert(offsetof(NxSysTable, timebase_hz) == 80,
    "NxSysTable.timebase_hz");
_Static_assert(offsetof(NxSysTable, boot_epoch_ns) == 88,
    "NxSysTable.boot_epoch_ns");

/* Argument block of CMD_ION_STAT, filled in by the kernel. */
typedef struct NxIonStat {
	uint32_t free;		/* slabs free, all Subjects together */
	uint32_t total;
	uint32_t my_free;	/* the caller's own slabs */
	uint32_t my_total;
	uint32_t rx_queued;	/* packets on the caller's rx ring */
	uint32_t tx_queued;
	uint32_t console_held;	/* input bytes waiting in the kernel */
	uint32_t reserved;
} NxIonStat;

_Static_assert(sizeof(NxIonStat) == 32, "NxIonStat size");
_Static_assert(offsetof(NxIonStat, free) == 0, "NxIonStat.free");
_Static_assert(offsetof(NxIonStat, total) == 4, "NxIonStat.total");
_Static_assert(offsetof(NxIonStat, my_free) == 8, "NxIonStat.my_free");
_Static_assert(offsetof(NxIonStat, my_total) == 12, "NxIonStat.my_total");
_Static_assert(offsetof(NxIonStat, rx_queued) == 16, "NxIonStat.rx_queued");
_Static_assert(offsetof(NxIonStat, tx_queued) == 20, "NxIonStat.tx_queued");
_Static_assert(offsetof(NxIonStat, console_held) == 24,
    "NxIonStat.console_held");

/* One audit log entry, as CMD_SYS_AUDIT returns it. */
typedef struct NxAuditEntry {
	uint64_t number;	/* position in the log since boot */
	uint32_t subject;	/* Subject id */
	uint32_t seq;		/* the Subject's command sequence number */
	uint32_t kind;
	uint32_t part;		/* its place in its batch, 0 = the first */
	uint64_t arg;
	int64_t result;
	uint8_t identity[16];	/* the Subject's identity */
	uint8_t tag[16];	/* its batch's tag (docs/ABI.md, Provenance) */
} NxAuditEntry;

_Static_assert(sizeof(NxAuditEntry) == 72, "NxAuditEntry size");
_Static_assert(offsetof(NxAuditEntry, number) == 0, "NxAuditEntry.number");
_Static_assert(offsetof(NxAuditEntry, subject) == 8, "NxAuditEntry.subject");
_Static_assert(offsetof(NxAuditEntry, seq) == 12, "NxAuditEntry.seq");
_Static_assert(offsetof(NxAuditEntry, kind) == 16, "NxAuditEntry.kind");
_Static_assert(offsetof(NxAuditEntry, part) == 20, "NxAuditEntry.part");
_Static_assert(offsetof(NxAuditEntry, arg) == 24, "NxAuditEntry.arg");
_Static_assert(offsetof(NxAuditEntry, result) == 32, "NxAuditEntry.result");
_Static_assert(offsetof(NxAuditEntry, identity) == 40,
    "NxAuditEntry.identity");
_Static_assert(offsetof(NxAuditEntry, tag) == 56, "NxAuditEntry.tag");

/* Argument block of CMD_SYS_AUDIT. */
typedef struct NxAuditArgs {
	uint64_t buf;		/* user array of NxAuditEntry */
	uint32_t max;		/* entries it holds; the newest are returned */
	uint32_t held;		/* out: entries in the log (of `subject`) */
	int64_t broken;		/* out: -1 if the chain verifies, else the
				 * number of the first entry that does not */
	uint32_t subject;	/* only this Subject's entries; 0: all */
	uint32_t reserved;	/* must be zero */
} NxAuditArgs;

_Static_assert(sizeof(NxAuditArgs) == 32, "NxAuditArgs size");
_Static_assert(offsetof(NxAuditArgs, buf) == 0, "NxAuditArgs.buf");
_Static_assert(offsetof(NxAuditArgs, max) == 8, "NxAuditArgs.max");
_Static_assert(offsetof(NxAuditArgs, held) == 12, "NxAuditArgs.held");
_Static_assert(offsetof(NxAuditArgs, broken) == 16, "NxAuditArgs.broken");
_Static_assert(offsetof(NxAuditArgs, subject) == 24, "NxAuditArgs.subject");
_Static_assert(offsetof(NxAuditArgs, reserved) == 28,
    "NxAuditArgs.reserved");

/* Argument block of CMD_SYS_RECEIPT: the caller's entry for `seq`. */
typedef struct NxReceiptArgs {
	uint64_t buf;		/* user NxAuditEntry, filled in */
	uint32_t seq;		/* the command's NxCompletion.seq */
	uint32_t reserved;	/* must be zero */
} NxReceiptArgs;

_Static_assert(sizeof(NxReceiptArgs) == 16, "NxReceiptArgs size");
_Static_assert(offsetof(NxReceiptArgs, buf) == 0, "NxReceiptArgs.buf");
_Static_assert(offsetof(NxReceiptArgs, seq) == 8, "NxReceiptArgs.seq");
_Static_assert(offsetof(NxReceiptArgs, reserved) == 12,
    "NxReceiptArgs.reserved");

/* Argument block of CMD_SYS_WAIT: which child, and how it ended. */
enum {
	NX_WAIT_EXITED = 1,	/* `status` is its exit status */
	NX_WAIT_FAULTED = 2,	/* ended by a fault: cause, addr, pc */
	NX_WAIT_KILLED = 3,	/* ended by a signal (`status` 128 + it),
				 * or by Ctrl-C or CMD_SYS_KILL (status 0) */
};

typedef struct NxWaitArgs {
	uint32_t id;		/* in: a child's id, or 0 for any child */
	uint32_t how;		/* out: NX_WAIT_* */
	int32_t status;		/* out: exit status */
	uint32_t cause;		/* out: fault number (RISC-V scause) */
	uint64_t addr;		/* out: faulting address */
	uint64_t pc;		/* out: faulting instruction */
} NxWaitArgs;

_Static_assert(sizeof(NxWaitArgs) == 32, "NxWaitArgs size");
_Static_assert(offsetof(NxWaitArgs, id) == 0, "NxWaitArgs.id");
_Static_assert(offsetof(NxWaitArgs, how) == 4, "NxWaitArgs.how");
_Static_assert(offsetof(NxWaitArgs, status) == 8, "NxWaitArgs.status");
_Static_assert(offsetof(NxWaitArgs, cause) == 12, "NxWaitArgs.cause");
_Static_assert(offsetof(NxWaitArgs, addr) == 16, "NxWaitArgs.addr");
_Static_assert(offsetof(NxWaitArgs, pc) == 24, "NxWaitArgs.pc");

/* One Subject, as CMD_SYS_PS lists it. */
enum {
	NX_PS_RUNNING = 1,	/* running or ready to */
	NX_PS_WAITING = 2,	/* blocked in a command */
	NX_PS_ENDED = 3,	/* ended, its parent has not waited yet */
};

typedef struct NxSubjectInfo {
	uint32_t id;
	uint32_t parent;	/* 0: none */
	uint32_t state;		/* NX_PS_* */
	uint32_t pages;		/* memory it holds, in pages */
	uint8_t identity[16];
	char name[32];
} NxSubjectInfo;

_Static_assert(sizeof(NxSubjectInfo) == 64, "NxSubjectInfo size");
_Static_assert(offsetof(NxSubjectInfo, id) == 0, "NxSubjectInfo.id");
_Static_assert(offsetof(NxSubjectInfo, parent) == 4, "NxSubjectInfo.parent");
_Static_assert(offsetof(NxSubjectInfo, state) == 8, "NxSubjectInfo.state");
_Static_assert(offsetof(NxSubjectInfo, pages) == 12, "NxSubjectInfo.pages");
_Static_assert(offsetof(NxSubjectInfo, identity) == 16,
    "NxSubjectInfo.identity");
_Static_assert(offsetof(NxSubjectInfo, name) == 32, "NxSubjectInfo.name");

typedef struct NxPsArgs {
	uint64_t buf;		/* NxSubjectInfo[max] */
	uint64_t max;
} NxPsArgs;

_Static_assert(sizeof(NxPsArgs) == 16, "NxPsArgs size");
_Static_assert(offsetof(NxPsArgs, buf) == 0, "NxPsArgs.buf");
_Static_assert(offsetof(NxPsArgs, max) == 8, "NxPsArgs.max");

typedef struct NxMemStat {
	uint64_t free;		/* pages free in the machine */
	uint64_t total;
	uint64_t heap;		/* bytes of the caller's heap */
	uint64_t heap_max;	/* the most its heap may grow to */
	uint64_t cached;	/* program pages cached, unused: free on demand */
} NxMemStat;

_Static_assert(sizeof(NxMemStat) == 40, "NxMemStat size");
_Static_assert(offsetof(NxMemStat, free) == 0, "NxMemStat.free");
_Static_assert(offsetof(NxMemStat, total) == 8, "NxMemStat.total");
_Static_assert(offsetof(NxMemStat, heap) == 16, "NxMemStat.heap");
_Static_assert(offsetof(NxMemStat, heap_max) == 24, "NxMemStat.heap_max");
_Static_assert(offsetof(NxMemStat, cached) == 32, "NxMemStat.cached");

#define NX_HEAP_MAX		(64ul << 20)	/* per Subject */

/* Argument block of CMD_SYS_EXEC. */
#define NX_EXEC_REPLACE		0x1u	/* replace the caller */
#define NX_EXEC_FOREGROUND	0x2u	/* the new job has the terminal from
					 * its first instruction, as if the
					 * caller already waited for it (until
					 * the caller's next wait) */
/* Bytes of argv + envp, counted as Linux counts them: every string with
 * its NUL, and 8 for its pointer.  128 KiB is glibc's smallest ARG_MAX,
 * what its sysconf answers at the least. */
#define NX_EXEC_MAX_BYTES	(128u << 10)
#define NX_PATH_MAX		256

typedef struct NxExecArgs {
	uint64_t path;		/* user pointer to a NUL-terminated path */
	uint64_t argv;		/* user pointer to a NULL-terminated array */
	uint64_t envp;		/* same, or 0 for none */
	uint64_t errbuf;	/* user buffer for the reason of a failure, or 0 */
	uint32_t errbuf_len;
	uint32_t flags;		/* NX_EXEC_* */
	uint64_t actions;	/* NxSpawnAction[nactions], or 0 */
	uint32_t nactions;	/* at most NX_SPAWN_MAX_ACTIONS */
	uint32_t job;		/* 0: a job of its own; else the id of a
				 * child of the caller leading a job, which
				 * the new Subject joins (not with
				 * NX_EXEC_REPLACE).  ^C ends a job whole. */
} NxExecArgs;

_Static_assert(sizeof(NxExecArgs) == 56, "NxExecArgs size");
_Static_assert(offsetof(NxExecArgs, path) == 0, "NxExecArgs.path");
_Static_assert(offsetof(NxExecArgs, argv) == 8, "NxExecArgs.argv");
_Static_assert(offsetof(NxExecArgs, envp) == 16, "NxExecArgs.envp");
_Static_assert(offsetof(NxExecArgs, errbuf) == 24, "NxExecArgs.errbuf");
_Static_assert(offsetof(NxExecArgs, errbuf_len) == 32,
    "NxExecArgs.errbuf_len");
_Static_assert(offsetof(NxExecArgs, flags) == 36, "NxExecArgs.flags");
_Static_assert(offsetof(NxExecArgs, actions) == 40, "NxExecArgs.actions");
_Static_assert(offsetof(NxExecArgs, nactions) == 48, "NxExecArgs.nactions");
_Static_assert(offsetof(NxExecArgs, job) == 52, "NxExecArgs.job");

/*
 * Descriptor actions of a spawn, as posix_spawn's file actions: applied
 * in order to the child's copy of the caller's descriptor table, then
 * the close-on-exec descriptors close (so an action may dup2 one into
 * place), before the program runs.  A failing action fails the spawn with its error, and nothing of
 * the child is left.  With NX_EXEC_REPLACE they apply to the caller's own
 * table only once the new program is loaded.
 */
#define NX_SPAWN_MAX_ACTIONS	16
enum {
	NX_SPAWN_DUP2	= 1,	/* fd = dup2(src, fd) */
	NX_SPAWN_CLOSE	= 2,	/* close(fd); closing a closed one is fine */
	NX_SPAWN_OPEN	= 3,	/* fd = open(path, flags, mode) */
};

typedef struct NxSpawnAction {
	uint32_t op;		/* NX_SPAWN_* */
	int32_t fd;		/* the descriptor the action makes or closes */
	int32_t src;		/* NX_SPAWN_DUP2: the one copied */
	uint32_t flags;		/* NX_SPAWN_OPEN: NX_O_* */
	uint32_t mode;		/* NX_SPAWN_OPEN: permission bits */
	uint32_t reserved;	/* must be zero */
	uint64_t path;		/* NX_SPAWN_OPEN: user pointer to a path */
} NxSpawnAction;

_Static_assert(sizeof(NxSpawnAction) == 32, "NxSpawnAction size");
_Static_assert(offsetof(NxSpawnAction, op) == 0, "NxSpawnAction.op");
_Static_assert(offsetof(NxSpawnAction, fd) == 4, "NxSpawnAction.fd");
_Static_assert(offsetof(NxSpawnAction, src) == 8, "NxSpawnAction.src");
_Static_assert(offsetof(NxSpawnAction, flags) == 12, "NxSpawnAction.flags");
_Static_assert(offsetof(NxSpawnAction, mode) == 16, "NxSpawnAction.mode");
_Static_assert(offsetof(NxSpawnAction, reserved) == 20,
    "NxSpawnAction.reserved");
_Static_assert(offsetof(NxSpawnAction, path) == 24, "NxSpawnAction.path");

/* CMD_PATH_MKDIR and CMD_PATH_UNLINK.  With NX_UNLINK_DIR, unlink
 * removes an empty directory (rmdir) and nothing else. */
#define NX_UNLINK_DIR		0x200u	/* Linux's AT_REMOVEDIR */

typedef struct NxPathArgs {
	uint64_t path;
	uint32_t mode;		/* CMD_PATH_MKDIR: permission bits */
	uint32_t flags;		/* CMD_PATH_UNLINK: NX_UNLINK_DIR */
} NxPathArgs;

_Static_assert(sizeof(NxPathArgs) == 16, "NxPathArgs size");
_Static_assert(offsetof(NxPathArgs, path) == 0, "NxPathArgs.path");
_Static_assert(offsetof(NxPathArgs, mode) == 8, "NxPathArgs.mode");
_Static_assert(offsetof(NxPathArgs, flags) == 12, "NxPathArgs.flags");

/* CMD_PATH_RENAME (from, to), CMD_PATH_SYMLINK (from: the target text,
 * to: the new link), CMD_PATH_LINK (from: existing, to: new name). */
#define NX_RENAME_NOREPLACE	0x1u	/* Linux's RENAME_NOREPLACE */

typedef struct NxPath2Args {
	uint64_t from;
	uint64_t to;
	uint32_t flags;		/* CMD_PATH_RENAME: NX_RENAME_* */
	uint32_t reserved;	/* must be zero */
} NxPath2Args;

_Static_assert(sizeof(NxPath2Args) == 24, "NxPath2Args size");
_Static_assert(offsetof(NxPath2Args, from) == 0, "NxPath2Args.from");
_Static_assert(offsetof(NxPath2Args, to) == 8, "NxPath2Args.to");
_Static_assert(offsetof(NxPath2Args, flags) == 16, "NxPath2Args.flags");
_Static_assert(offsetof(NxPath2Args, reserved) == 20,
    "NxPath2Args.reserved");

/* CMD_PATH_SETATTR: the fields `mask` names are set on `path`, or on
 * descriptor `fd` with NX_ATTR_FD.  Times are ns since 1970;
 * NX_TIME_NOW asks for the wall clock's now. */
#define NX_ATTR_MODE		0x1u
#define NX_ATTR_ATIME		0x2u
#define NX_ATTR_MTIME		0x4u
#define NX_ATTR_FD		0x100u
#define NX_ATTR_NOFOLLOW	0x200u
#define NX_TIME_NOW		UINT64_MAX

typedef struct NxSetattrArgs {
	uint64_t path;		/* unless NX_ATTR_FD */
	uint32_t fd;		/* with NX_ATTR_FD */
	uint32_t mask;		/* NX_ATTR_* */
	uint32_t mode;
	uint32_t reserved;	/* must be zero */
	uint64_t atime;
	uint64_t mtime;
} NxSetattrArgs;

_Static_assert(sizeof(NxSetattrArgs) == 40, "NxSetattrArgs size");
_Static_assert(offsetof(NxSetattrArgs, path) == 0, "NxSetattrArgs.path");
_Static_assert(offsetof(NxSetattrArgs, fd) == 8, "NxSetattrArgs.fd");
_Static_assert(offsetof(NxSetattrArgs, mask) == 12, "NxSetattrArgs.mask");
_Static_assert(offsetof(NxSetattrArgs, mode) == 16, "NxSetattrArgs.mode");
_Static_assert(offsetof(NxSetattrArgs, reserved) == 20,
    "NxSetattrArgs.reserved");
_Static_assert(offsetof(NxSetattrArgs, atime) == 24, "NxSetattrArgs.atime");
_Static_assert(offsetof(NxSetattrArgs, mtime) == 32, "NxSetattrArgs.mtime");

/* CMD_PATH_STATFS: the file system holding `path` (or descriptor `fd`
 * with NX_STAT_FD), in `buf`. */
typedef struct NxStatfs {
	uint64_t block_size;	/* bytes */
	uint64_t blocks;	/* in all (the limit) */
	uint64_t blocks_free;
	uint64_t files;		/* nodes in use */
	uint64_t name_max;
	uint32_t flags;		/* NX_STATFS_* */
	uint32_t reserved;
} NxStatfs;

#define NX_STATFS_RDONLY	0x1u

_Static_assert(sizeof(NxStatfs) == 48, "NxStatfs size");
_Static_assert(offsetof(NxStatfs, blocks) == 8, "NxStatfs.blocks");
_Static_assert(offsetof(NxStatfs, blocks_free) == 16, "NxStatfs.blocks_free");
_Static_assert(offsetof(NxStatfs, files) == 24, "NxStatfs.files");
_Static_assert(offsetof(NxStatfs, name_max) == 32, "NxStatfs.name_max");
_Static_assert(offsetof(NxStatfs, flags) == 40, "NxStatfs.flags");

typedef struct NxStatfsArgs {
	uint64_t path;		/* unless NX_STAT_FD */
	uint64_t buf;		/* NxStatfs */
	uint32_t fd;		/* with NX_STAT_FD */
	uint32_t flags;		/* NX_STAT_FD */
} NxStatfsArgs;

_Static_assert(sizeof(NxStatfsArgs) == 24, "NxStatfsArgs size");
_Static_assert(offsetof(NxStatfsArgs, path) == 0, "NxStatfsArgs.path");
_Static_assert(offsetof(NxStatfsArgs, buf) == 8, "NxStatfsArgs.buf");
_Static_assert(offsetof(NxStatfsArgs, fd) == 16, "NxStatfsArgs.fd");
_Static_assert(offsetof(NxStatfsArgs, flags) == 20, "NxStatfsArgs.flags");

/* CMD_FS_TRUNCATE: descriptor `fd` (open for writing) to `length`. */
typedef struct NxTruncateArgs {
	uint64_t fd;
	uint64_t length;
} NxTruncateArgs;

_Static_assert(sizeof(NxTruncateArgs) == 16, "NxTruncateArgs size");
_Static_assert(offsetof(NxTruncateArgs, fd) == 0, "NxTruncateArgs.fd");
_Static_assert(offsetof(NxTruncateArgs, length) == 8,
    "NxTruncateArgs.length");

/* CMD_FS_PIPE: makes a pipe; its read end goes in fds[0], its write end
 * in fds[1] (`fds` a user pointer to two int32_t).  Flags: NX_O_CLOEXEC,
 * NX_O_NONBLOCK. */
typedef struct NxPipeArgs {
	uint64_t fds;
	uint32_t flags;
	uint32_t reserved;	/* must be zero */
} NxPipeArgs;

_Static_assert(sizeof(NxPipeArgs) == 16, "NxPipeArgs size");
_Static_assert(offsetof(NxPipeArgs, fds) == 0, "NxPipeArgs.fds");
_Static_assert(offsetof(NxPipeArgs, flags) == 8, "NxPipeArgs.flags");

/*
 * The terminal's settings in Linux's layout: struct termios as riscv64's
 * TCGETS and TCSETS pass it (asm-generic), so the Linux personality copies
 * it as it is.  The flag and index values are Linux's too.
 */
#define NX_NCCS		19
typedef struct NxTermios {
	uint32_t iflag;
	uint32_t oflag;
	uint32_t cflag;
	uint32_t lflag;
	uint8_t line;
	uint8_t cc[NX_NCCS];
} NxTermios;

_Static_assert(sizeof(NxTermios) == 36, "NxTermios size");
_Static_assert(offsetof(NxTermios, oflag) == 4, "NxTermios.oflag");
_Static_assert(offsetof(NxTermios, cflag) == 8, "NxTermios.cflag");
_Static_assert(offsetof(NxTermios, lflag) == 12, "NxTermios.lflag");
_Static_assert(offsetof(NxTermios, line) == 16, "NxTermios.line");
_Static_assert(offsetof(NxTermios, cc) == 17, "NxTermios.cc");

/* iflag */
#define NX_ISTRIP	0x020
#define NX_INLCR	0x040
#define NX_IGNCR	0x080
#define NX_ICRNL	0x100
#define NX_IXON		0x400
/* oflag */
#define NX_OPOST	0x01
#define NX_ONLCR	0x04
#define NX_OCRNL	0x08
/* cflag: 38400 baud, 8 bits, receiver on */
#define NX_CFLAG_STD	0xbf
/* lflag */
#define NX_ISIG		0x0001
#define NX_ICANON	0x0002
#define NX_ECHO		0x0008
#define NX_ECHOE	0x0010
#define NX_ECHOK	0x0020
#define NX_ECHONL	0x0040
#define NX_NOFLSH	0x0080
#define NX_TOSTOP	0x0100
#define NX_ECHOCTL	0x0200
#define NX_ECHOKE	0x0800
#define NX_IEXTEN	0x8000
/* cc[] */
#define NX_VINTR	0
#define NX_VQUIT	1
#define NX_VERASE	2
#define NX_VKILL	3
#define NX_VEOF		4
#define NX_VTIME	5
#define NX_VMIN		6
#define NX_VSUSP	10
#define NX_VEOL		11
#define NX_VWERASE	14
#define NX_VEOL2	16

/* CMD_FS_TTY: the settings of the terminal descriptor `fd` is open on:
 * NX_TTY_GET copies them to `termios`; NX_TTY_SET takes them from there;
 * NX_TTY_SETF does too and drops the input not read yet. */
#define NX_TTY_GET	0
#define NX_TTY_SET	1
#define NX_TTY_SETF	2

typedef struct NxTtyArgs {
	int32_t fd;
	uint32_t op;
	uint64_t termios;	/* user pointer to an NxTermios */
} NxTtyArgs;

_Static_assert(sizeof(NxTtyArgs) == 16, "NxTtyArgs size");
_Static_assert(offsetof(NxTtyArgs, op) == 4, "NxTtyArgs.op");
_Static_assert(offsetof(NxTtyArgs, termios) == 8, "NxTtyArgs.termios");

/*
 * Files.  Flags and whence values are Linux's (riscv64, asm-generic), so
 * the Linux personality passes them through and the membrane maps
 * picolibc's with a table.  The access mode and NX_O_APPEND and
 * NX_O_NONBLOCK stay with the open file description; NX_O_CLOEXEC marks
 * the new descriptor; the rest act at open.
 */
#define NX_FD_MAX		256	/* descriptors per Subject */
#define NX_OPEN_MAX		NX_FD_MAX	/* the old name */
#define NX_O_RDONLY		0x0u
#define NX_O_WRONLY		0x1u
#define NX_O_RDWR		0x2u
#define NX_O_ACCMODE		0x3u
#define NX_O_CREAT		0x40u
#define NX_O_EXCL		0x80u
#define NX_O_TRUNC		0x200u
#define NX_O_APPEND		0x400u
#define NX_O_NONBLOCK		0x800u
#define NX_O_DIRECTORY		0x10000u
#define NX_O_NOFOLLOW		0x20000u
#define NX_O_CLOEXEC		0x80000u
#define NX_SEEK_SET		0
#define NX_SEEK_CUR		1
#define NX_SEEK_END		2
#define NX_STAT_FD		0x1u	/* NxStatArgs: stat `fd`, not `path` */
#define NX_STAT_NOFOLLOW	0x2u	/* a symlink itself, not its target */
#define NX_NAME_MAX		255

/* What a descriptor is ready for (its vnode's poll): Linux's poll bits,
 * so the Linux personality passes them through. */
#define NX_POLLIN		0x001u	/* a read would not wait */
#define NX_POLLPRI		0x002u	/* urgent data (never, here) */
#define NX_POLLOUT		0x004u	/* a write would not wait */
#define NX_POLLERR		0x008u	/* an error: a pipe with no reader */
#define NX_POLLHUP		0x010u	/* the other side is gone */
#define NX_POLLNVAL		0x020u	/* not an open descriptor */
#define NX_POLLRDNORM		0x040u	/* as NX_POLLIN */
#define NX_POLLWRNORM		0x100u	/* as NX_POLLOUT */

/* File types, in NxStat and NxDirent. */
enum {
	NX_DT_FILE = 1,
	NX_DT_DIR = 2,
	NX_DT_SYMLINK = 3,
	NX_DT_CHAR = 4,
	NX_DT_BLOCK = 5,
	NX_DT_FIFO = 6,
	NX_DT_OTHER = 7,
};

typedef struct NxOpenArgs {
	uint64_t path;
	uint32_t flags;		/* NX_O_* */
	uint32_t mode;		/* a created file's permission bits; 0: 0644 */
} NxOpenArgs;

_Static_assert(sizeof(NxOpenArgs) == 16, "NxOpenArgs size");
_Static_assert(offsetof(NxOpenArgs, path) == 0, "NxOpenArgs.path");
_Static_assert(offsetof(NxOpenArgs, flags) == 8, "NxOpenArgs.flags");
_Static_assert(offsetof(NxOpenArgs, mode) == 12, "NxOpenArgs.mode");

/* Read, write, readdir (buf: NxDirent, len: its size) and getcwd (fd
 * unused). */
typedef struct NxRwArgs {
	uint64_t fd;
	uint64_t buf;
	uint64_t len;
} NxRwArgs;

_Static_assert(sizeof(NxRwArgs) == 24, "NxRwArgs size");
_Static_assert(offsetof(NxRwArgs, fd) == 0, "NxRwArgs.fd");
_Static_assert(offsetof(NxRwArgs, buf) == 8, "NxRwArgs.buf");
_Static_assert(offsetof(NxRwArgs, len) == 16, "NxRwArgs.len");

typedef struct NxSeekArgs {
	uint64_t fd;
	int64_t offset;
	uint32_t whence;	/* NX_SEEK_* */
	uint32_t reserved;
} NxSeekArgs;

_Static_assert(sizeof(NxSeekArgs) == 24, "NxSeekArgs size");
_Static_assert(offsetof(NxSeekArgs, fd) == 0, "NxSeekArgs.fd");
_Static_assert(offsetof(NxSeekArgs, offset) == 8, "NxSeekArgs.offset");
_Static_assert(offsetof(NxSeekArgs, whence) == 16, "NxSeekArgs.whence");

/* What CMD_FS_STAT tells; times are ns since 1970. */
typedef struct NxStat {
	uint64_t size;		/* bytes; a link's target length */
	uint32_t type;		/* NX_DT_* */
	uint32_t mode;		/* permission bits */
	uint64_t ino;		/* the file's number in its file system */
	uint32_t rdev;		/* a device's number, major << 8 | minor */
	uint32_t nlink;
	uint32_t dev;		/* which file system */
	uint32_t reserved;
	int64_t atime_ns;
	int64_t mtime_ns;
	int64_t ctime_ns;
} NxStat;

_Static_assert(sizeof(NxStat) == 64, "NxStat size");
_Static_assert(offsetof(NxStat, size) == 0, "NxStat.size");
_Static_assert(offsetof(NxStat, type) == 8, "NxStat.type");
_Static_assert(offsetof(NxStat, mode) == 12, "NxStat.mode");
_Static_assert(offsetof(NxStat, ino) == 16, "NxStat.ino");
_Static_assert(offsetof(NxStat, rdev) == 24, "NxStat.rdev");
_Static_assert(offsetof(NxStat, nlink) == 28, "NxStat.nlink");
_Static_assert(offsetof(NxStat, dev) == 32, "NxStat.dev");
_Static_assert(offsetof(NxStat, atime_ns) == 40, "NxStat.atime_ns");
_Static_assert(offsetof(NxStat, mtime_ns) == 48, "NxStat.mtime_ns");
_Static_assert(offsetof(NxStat, ctime_ns) == 56, "NxStat.ctime_ns");

/* Device numbers (NxStat.rdev) of the terminal: /dev/tty is 5:0,
 * /dev/console 5:1, as on Linux. */
#define NX_RDEV_MAJOR(rdev)	((rdev) >> 8)
#define NX_TTY_MAJOR		5

/* CMD_FS_DUP: dup (flags 0, to 0), F_DUPFD (the lowest free descriptor
 * from `to`), dup2/dup3 (NX_DUP_FIXED: exactly `to`, closed first if
 * open; `to` == `fd` returns it unchanged). */
#define NX_DUP_FIXED		0x1u
#define NX_DUP_CLOEXEC		0x2u	/* the new descriptor closes on exec */

typedef struct NxDupArgs {
	uint32_t fd;
	uint32_t to;
	uint32_t flags;		/* NX_DUP_* */
	uint32_t reserved;
} NxDupArgs;

_Static_assert(sizeof(NxDupArgs) == 16, "NxDupArgs size");
_Static_assert(offsetof(NxDupArgs, fd) == 0, "NxDupArgs.fd");
_Static_assert(offsetof(NxDupArgs, to) == 4, "NxDupArgs.to");
_Static_assert(offsetof(NxDupArgs, flags) == 8, "NxDupArgs.flags");

/* CMD_FS_FDCTL: a descriptor's flags, as fcntl's F_GETFD ... F_SETFL
 * (the same numbers).  GETFD answers NX_FD_CLOEXEC or 0; GETFL the
 * access mode and status flags (NX_O_APPEND, NX_O_NONBLOCK), of which
 * SETFL changes only the status flags. */
enum {
	NX_FD_GETFD = 1,
	NX_FD_SETFD = 2,
	NX_FD_GETFL = 3,
	NX_FD_SETFL = 4,
};
#define NX_FD_CLOEXEC		0x1u

typedef struct NxFdctlArgs {
	uint32_t fd;
	uint32_t op;		/* NX_FD_* */
	uint64_t arg;
} NxFdctlArgs;

_Static_assert(sizeof(NxFdctlArgs) == 16, "NxFdctlArgs size");
_Static_assert(offsetof(NxFdctlArgs, fd) == 0, "NxFdctlArgs.fd");
_Static_assert(offsetof(NxFdctlArgs, op) == 4, "NxFdctlArgs.op");
_Static_assert(offsetof(NxFdctlArgs, arg) == 8, "NxFdctlArgs.arg");

typedef struct NxStatArgs {
	uint64_t path;		/* unless NX_STAT_FD */
	uint64_t buf;		/* NxStat */
	uint32_t fd;		/* with NX_STAT_FD */
	uint32_t flags;		/* NX_STAT_* */
} NxStatArgs;

_Static_assert(sizeof(NxStatArgs) == 24, "NxStatArgs size");
_Static_assert(offsetof(NxStatArgs, path) == 0, "NxStatArgs.path");
_Static_assert(offsetof(NxStatArgs, buf) == 8, "NxStatArgs.buf");
_Static_assert(offsetof(NxStatArgs, fd) == 16, "NxStatArgs.fd");
_Static_assert(offsetof(NxStatArgs, flags) == 20, "NxStatArgs.flags");

/* CMD_FS_READLINK: up to `len` bytes of the link's target, not
 * terminated; the result is how many were written. */
typedef struct NxReadlinkArgs {
	uint64_t path;
	uint64_t buf;
	uint64_t len;
} NxReadlinkArgs;

_Static_assert(sizeof(NxReadlinkArgs) == 24, "NxReadlinkArgs size");
_Static_assert(offsetof(NxReadlinkArgs, path) == 0, "NxReadlinkArgs.path");
_Static_assert(offsetof(NxReadlinkArgs, buf) == 8, "NxReadlinkArgs.buf");
_Static_assert(offsetof(NxReadlinkArgs, len) == 16, "NxReadlinkArgs.len");

typedef struct NxDirent {
	uint64_t size;
	uint32_t type;		/* NX_DT_* */
	uint32_t name_len;
	char name[NX_NAME_MAX + 1];	/* NUL-terminated */
} NxDirent;

_Static_assert(sizeof(NxDirent) == 272, "NxDirent size");
_Static_assert(offsetof(NxDirent, size) == 0, "NxDirent.size");
_Static_assert(offsetof(NxDirent, type) == 8, "NxDirent.type");
_Static_assert(offsetof(NxDirent, name_len) == 12, "NxDirent.name_len");
_Static_assert(offsetof(NxDirent, name) == 16, "NxDirent.name");

/*
 * The doorbell: `ecall` with a7 = NX_DOORBELL and a0 = the number of
 * completions to wait for (0: don't wait).  It consumes every queued command
 * that fits in the completion ring and returns in a0 the number of
 * completions waiting to be read.
 */
#define NX_DOORBELL		0x4e58u

/* Auxiliary vector keys placed on the initial stack (System V ABI). */
enum {
	NX_AT_NULL	= 0,
	NX_AT_PHDR	= 3,
	NX_AT_PHENT	= 4,
	NX_AT_PHNUM	= 5,
	NX_AT_PAGESZ	= 6,
	NX_AT_ENTRY	= 9,
	NX_AT_UID	= 11,
	NX_AT_EUID	= 12,
	NX_AT_GID	= 13,
	NX_AT_EGID	= 14,
	NX_AT_HWCAP	= 16,
	NX_AT_CLKTCK	= 17,
	NX_AT_SECURE	= 23,
	NX_AT_RANDOM	= 25,
	NX_AT_EXECFN	= 31,
};

/* AT_HWCAP: one bit per base extension letter; this machine is RV64IMAFDC. */
#define NX_HWCAP	((1ul << ('i' - 'a')) | (1ul << ('m' - 'a')) | \
			 (1ul << ('a' - 'a')) | (1ul << ('f' - 'a')) | \
			 (1ul << ('d' - 'a')) | (1ul << ('c' - 'a')))

#endif /* NEXUS_ABI_H */
