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

#define NX_ABI_VERSION		1
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
#define NX_STACK_SIZE		(64ul * 1024)
#define NX_RING_BASE		0x000000007fff0000ul
#define NX_SYSTABLE_VA		0x000000007ffff000ul
#define NX_USER_TOP		0x0000000080000000ul

/* Command kinds, grouped by service; the seed's numbers are kept. */
enum {
	CMD_SYS_NOOP		= 0x000,

	CMD_CON_WRITE		= 0x100,	/* arg: NxIoArgs*; result: bytes */
	CMD_CON_READ		= 0x101,	/* arg: NxIoArgs*; result: bytes */

	CMD_FS_OPEN		= 0x200,
	CMD_FS_READ		= 0x201,
	CMD_FS_READDIR		= 0x202,

	CMD_ION_FREE		= 0x300,

	CMD_SYS_EXEC		= 0x400,	/* arg: NxExecArgs* */
	CMD_SYS_EXIT		= 0x401,	/* arg: exit status */
	CMD_SYS_POWEROFF	= 0x402,	/* arg: 0 */
	CMD_SYS_UPTIME		= 0x403,	/* result: nanoseconds since boot */
};

/* Errors are negative results; the numbers match Linux's errno values. */
enum {
	NX_OK		= 0,
	NX_EPERM	= -1,
	NX_ENOENT	= -2,
	NX_ESRCH	= -3,
	NX_EINTR	= -4,
	NX_EIO		= -5,
	NX_E2BIG	= -7,
	NX_ENOEXEC	= -8,
	NX_EBADF	= -9,
	NX_ECHILD	= -10,
	NX_EAGAIN	= -11,
	NX_ENOMEM	= -12,
	NX_EFAULT	= -14,
	NX_EBUSY	= -16,
	NX_EEXIST	= -17,
	NX_ENOTDIR	= -20,
	NX_EISDIR	= -21,
	NX_EINVAL	= -22,
	NX_EMFILE	= -24,
	NX_ENOTTY	= -25,
	NX_ENOSPC	= -28,
	NX_ESPIPE	= -29,
	NX_EROFS	= -30,
	NX_ERANGE	= -34,
	NX_ENAMETOOLONG	= -36,
	NX_ENOSYS	= -38,
	NX_ELOOP	= -40,
};

/* One command, user -> kernel.  `id` is the caller's own tag, echoed back. */
typedef struct CmdPacket {
	uint32_t kind;
	uint32_t reserved;	/* must be zero */
	uint64_t arg;		/* scalar, or user pointer to an argument block */
	uint8_t id[16];
} CmdPacket;

_Static_assert(sizeof(CmdPacket) == 32, "CmdPacket size");
_Static_assert(offsetof(CmdPacket, kind) == 0, "CmdPacket.kind");
_Static_assert(offsetof(CmdPacket, reserved) == 4, "CmdPacket.reserved");
_Static_assert(offsetof(CmdPacket, arg) == 8, "CmdPacket.arg");
_Static_assert(offsetof(CmdPacket, id) == 16, "CmdPacket.id");

/* One completion, kernel -> user, posted in command order. */
typedef struct NxCompletion {
	int64_t result;		/* >= 0 success, < 0 an NX_E* error */
	uint32_t kind;		/* the command's kind */
	uint32_t seq;		/* the Subject's command sequence number */
	uint8_t id[16];		/* CmdPacket.id, echoed */
	uint8_t tag[16];	/* provenance tag of the command */
} NxCompletion;

_Static_assert(sizeof(NxCompletion) == 48, "NxCompletion size");
_Static_assert(offsetof(NxCompletion, result) == 0, "NxCompletion.result");
_Static_assert(offsetof(NxCompletion, kind) == 8, "NxCompletion.kind");
_Static_assert(offsetof(NxCompletion, seq) == 12, "NxCompletion.seq");
_Static_assert(offsetof(NxCompletion, id) == 16, "NxCompletion.id");
_Static_assert(offsetof(NxCompletion, tag) == 32, "NxCompletion.tag");

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
	uint64_t reserved[5];
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

/* Argument block of CMD_CON_WRITE and CMD_CON_READ. */
typedef struct NxIoArgs {
	uint64_t buf;		/* user pointer */
	uint64_t len;
} NxIoArgs;

_Static_assert(sizeof(NxIoArgs) == 16, "NxIoArgs size");
_Static_assert(offsetof(NxIoArgs, buf) == 0, "NxIoArgs.buf");
_Static_assert(offsetof(NxIoArgs, len) == 8, "NxIoArgs.len");

/* Argument block of CMD_SYS_EXEC. */
#define NX_EXEC_REPLACE		0x1u	/* replace the caller */
#define NX_EXEC_MAX_ARGS	64	/* argv entries */
#define NX_EXEC_MAX_ENV		32	/* envp entries */
#define NX_EXEC_MAX_STRINGS	3072	/* bytes of argv + envp strings */
#define NX_PATH_MAX		256

typedef struct NxExecArgs {
	uint64_t path;		/* user pointer to a NUL-terminated path */
	uint64_t argv;		/* user pointer to a NULL-terminated array */
	uint64_t envp;		/* same, or 0 for none */
	uint64_t errbuf;	/* user buffer for the reason of a failure, or 0 */
	uint32_t errbuf_len;
	uint32_t flags;		/* NX_EXEC_* */
} NxExecArgs;

_Static_assert(sizeof(NxExecArgs) == 40, "NxExecArgs size");
_Static_assert(offsetof(NxExecArgs, path) == 0, "NxExecArgs.path");
_Static_assert(offsetof(NxExecArgs, argv) == 8, "NxExecArgs.argv");
_Static_assert(offsetof(NxExecArgs, envp) == 16, "NxExecArgs.envp");
_Static_assert(offsetof(NxExecArgs, errbuf) == 24, "NxExecArgs.errbuf");
_Static_assert(offsetof(NxExecArgs, errbuf_len) == 32,
    "NxExecArgs.errbuf_len");
_Static_assert(offsetof(NxExecArgs, flags) == 36, "NxExecArgs.flags");

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
	NX_AT_RANDOM	= 25,
	NX_AT_EXECFN	= 31,
};

#endif /* NEXUS_ABI_H */
