/*
 * ION dispatch: the doorbell sends the Subject's output packets, drains its
 * command ring in order and posts one completion per command, then tops up
 * its rx ring with console input.  Nothing shared is trusted: packets and
 * descriptors are copied out of the shared pages before they are looked
 * at, the reserved field must be zero, the kind must be known, and every
 * pointer is checked against the Subject's address space.
 */
#include <string.h>

#include "cmds.h"
#include "console.h"
#include "errors.h"
#include "fs/file.h"
#include "kernel.h"
#include "audit.h"
#include "provenance.h"
#include "signal.h"
#include "subject.h"
#include "usercopy.h"

/* The common case, nothing to send, costs no call and no fence (a
 * relaxed look at the head: the slots are read only after the fenced
 * count). */
static inline int
tx_drain(struct subject *s)
{
	int64_t n;

	if (ring_looks_empty(&s->tx))
		return 0;
	n = ring_count(&s->tx);
	return n != 0 ? ion_tx_send(s, n) : 0;
}

/* Nothing to do, so no frame either: what it costs is the ring's. */
int64_t __attribute__((optimize("omit-frame-pointer")))
cmd_noop(struct subject *s, uint64_t arg)
{
	(void)s;
	(void)arg;
	return 0;
}

/*
 * Commands that may block, switch Subjects, end or replace the program, or
 * read the audit log run alone: the batch so far is closed first, and they
 * get a batch of their own.  Only the others share a batch, so nothing
 * else can reach the log while one is open.  A command that blocks only
 * on some descriptors (a read, a write) runs in the batch and answers
 * ION_RUN_ALONE when its descriptor may wait; it then runs again alone.
 */
struct command {
	cmd_fn run;
	int alone;
};

/*
 * Kinds are 0xSNN: service S, number NN.  The table is indexed by both,
 * with room for 8 services of 16 commands: a kind with any other bit set
 * is unknown.
 */
#define SERVICES	8
#define NUMBERS		16
#define AT(kind)	(((kind) >> 8) * NUMBERS + ((kind) & 0xff))
#define KIND_BITS	0x70fu

_Static_assert(AT(KIND_BITS) == SERVICES * NUMBERS - 1, "the table's size");

static const struct command commands[SERVICES * NUMBERS] = {
	[AT(CMD_SYS_NOOP)] = { cmd_noop, 0 },
	[AT(CMD_PATH_MKDIR)] = { cmd_path_mkdir, 0 },
	[AT(CMD_PATH_UNLINK)] = { cmd_path_unlink, 0 },
	[AT(CMD_PATH_RENAME)] = { cmd_path_rename, 0 },
	[AT(CMD_PATH_SYMLINK)] = { cmd_path_symlink, 0 },
	[AT(CMD_PATH_LINK)] = { cmd_path_link, 0 },
	[AT(CMD_PATH_SETATTR)] = { cmd_path_setattr, 0 },
	[AT(CMD_PATH_STATFS)] = { cmd_path_statfs, 0 },
	[AT(CMD_FS_OPEN)] = { cmd_fs_open, 0 },
	[AT(CMD_FS_READ)] = { cmd_fs_read, 0 },
	[AT(CMD_FS_READDIR)] = { cmd_fs_readdir, 0 },
	[AT(CMD_FS_CLOSE)] = { cmd_fs_close, 0 },
	[AT(CMD_FS_SEEK)] = { cmd_fs_seek, 0 },
	[AT(CMD_FS_STAT)] = { cmd_fs_stat, 0 },
	[AT(CMD_FS_CHDIR)] = { cmd_fs_chdir, 0 },
	[AT(CMD_FS_GETCWD)] = { cmd_fs_getcwd, 0 },
	[AT(CMD_FS_READLINK)] = { cmd_fs_readlink, 0 },
	[AT(CMD_FS_WRITE)] = { cmd_fs_write, 0 },
	[AT(CMD_FS_PIPE)] = { cmd_fs_pipe, 0 },
	[AT(CMD_FS_TTY)] = { cmd_fs_tty, 0 },
	[AT(CMD_FS_DUP)] = { cmd_fs_dup, 0 },
	[AT(CMD_FS_FDCTL)] = { cmd_fs_fdctl, 0 },
	[AT(CMD_FS_TRUNCATE)] = { cmd_fs_truncate, 0 },
	[AT(CMD_ION_FREE)] = { cmd_ion_free, 0 },
	[AT(CMD_ION_ALLOC)] = { cmd_ion_alloc, 0 },
	[AT(CMD_ION_RX_WAIT)] = { cmd_ion_rx_wait, 1 },
	[AT(CMD_ION_STAT)] = { cmd_ion_stat, 0 },
	[AT(CMD_SYS_EXEC)] = { cmd_exec, 1 },
	[AT(CMD_SYS_EXIT)] = { cmd_exit, 1 },
	[AT(CMD_SYS_WAIT)] = { cmd_wait, 1 },
	[AT(CMD_SYS_KILL)] = { cmd_kill, 1 },
	[AT(CMD_SYS_YIELD)] = { cmd_yield, 1 },
	[AT(CMD_SYS_PS)] = { cmd_ps, 0 },
	[AT(CMD_MEM_BRK)] = { cmd_brk, 0 },
	[AT(CMD_MEM_STAT)] = { cmd_mem_stat, 0 },
	[AT(CMD_SYS_AUDIT)] = { cmd_audit, 1 },
	[AT(CMD_SYS_RECEIPT)] = { cmd_receipt, 1 },
	[AT(CMD_SYS_POWEROFF)] = { cmd_poweroff, 1 },
	[AT(CMD_TIME_UPTIME)] = { cmd_uptime, 0 },
	[AT(CMD_TIME_SLEEP)] = { cmd_sleep, 1 },
};

static const struct command *
lookup(uint32_t kind)
{
	const struct command *c;

	if (kind & ~KIND_BITS)
		return NULL;
	c = &commands[(kind >> 4 & 0x70) | (kind & 0xf)];
	return c->run ? c : NULL;
}

/*
 * What a batch looks up: the handler of each command that may share a
 * batch, none for the others and for unknown kinds.  Made at boot from
 * `commands`, so that the loop loads one pointer and tests it once.
 */
static cmd_fn batchable[SERVICES * NUMBERS];

void
ion_init(void)
{
	for (uint32_t k = 0; k < SERVICES * NUMBERS; k++)
		batchable[k] = commands[k].alone ? NULL : commands[k].run;
}

/* The handler for a command whose first word (kind, and the reserved
 * field above it) is `head`, if it may share a batch; else NULL, also
 * for a reserved field set or an unknown kind (checked in one test: the
 * word is then the kind alone). */
static inline cmd_fn
batch_handler(uint64_t head)
{
	if (head & ~(uint64_t)KIND_BITS)
		return NULL;
	return batchable[(head >> 4 | head) & 0x7f];
}

/* Stamps one command in a batch of its own (tagged later). */
static void
stamp_alone(struct subject *s, uint32_t kind, uint64_t arg, uint32_t seq,
    int64_t result)
{
	struct audit_log *log = provenance_log();

	audit_alone(log, s->id, s->identity, seq, kind, arg, result);
}

void
ion_stamp_now(struct subject *s, uint32_t kind, uint64_t arg,
    int64_t result)
{
	stamp_alone(s, kind, arg, s->seq - 1, result);
}

/*
 * Takes the next command off the ring and runs it on its own: one that
 * may block, switch or replace the program, one the batch refused, or
 * one that answered ION_RUN_ALONE there (it changed nothing, and runs
 * again with the same sequence number).  The slot is read once, into the
 * kernel's variables, and taken before the command runs (it may wait).
 * 0 if it replaced the program (the old rings are gone then).
 */
static int __attribute__((noinline))
run_alone(struct subject *s)
{
	const volatile CmdPacket *slot = ring_at(&s->cmd, 0);
	uint32_t kind = slot->kind, reserved = slot->reserved;
	uint64_t arg = slot->arg;
	const struct command *cmd = reserved ? NULL : lookup(kind);
	NxCompletion c;

	ring_release(&s->cmd, 1);
	c.kind = kind;
	c.seq = s->seq++;
	if (reserved) {
		kprintf("rumpk: %s: command 0x%x with reserved field set\n",
		    s->name, kind);
		c.result = NX_EINVAL;
	} else if (!cmd) {
		kprintf("rumpk: %s: unknown command kind 0x%x\n", s->name,
		    kind);
		c.result = NX_ENOSYS;
	} else {
		c.result = cmd->run(s, arg);
		if (s->replaced)
			return 0;
		stamp_alone(s, kind, arg, c.seq, c.result);
	}
	ring_push(&s->cq, &c);
	return 1;
}

/* The ring slots `n` places past the kernel's own indices, by type: their
 * address is shifts and adds from the header's (the geometry is the
 * kernel's constants). */
static inline const volatile uint64_t *
cmd_slot(const struct subject *s, uint32_t n)
{
	return (const volatile uint64_t *)(const void *)
	    ((const uint8_t *)s->cmd.hdr + NX_RING_SLOTS +
	    ((s->cmd.own + n) & (NX_CMD_SLOTS - 1)) * sizeof(CmdPacket));
}

static inline NxCompletion *
cq_slot(const struct subject *s, uint32_t n)
{
	return (NxCompletion *)(void *)((uint8_t *)s->cq.hdr + NX_RING_SLOTS +
	    ((s->cq.own + n) & (NX_CQ_SLOTS - 1)) * sizeof(NxCompletion));
}

/* Both rings' indices, after `n` commands ran: the slots are taken and
 * the completions published, behind one fence (release: the Subject
 * sees the completions written, and reuses the slots only after they
 * were read). */
static inline void
ring_advance(struct subject *s, uint32_t n)
{
	volatile NxRingHeader *cmd = s->cmd.hdr, *cq = s->cq.hdr;
	uint32_t taken = s->cmd.own + n, done = s->cq.own + n;

	s->cmd.own = taken;
	s->cq.own = done;
	__atomic_thread_fence(__ATOMIC_RELEASE);
	cmd->tail = taken;
	cq->head = done;
}

/* Writes a completion.  Volatile: it is the Subject's memory, and the
 * fields are stored as they are, not merged by the compiler into one
 * word with masks and shifts. */
static inline void
complete(NxCompletion *c, int64_t result, uint32_t kind, uint32_t seq)
{
	volatile NxCompletion *v = c;

	v->result = result;
	v->kind = kind;
	v->seq = seq;
}

/* How many of `len` commands from the batch's `n`th on lie before the
 * end of the command ring, of the completion ring and of the stretch of
 * the log's ring ready for them (from `e` on). */
static inline uint32_t
run_length(const struct subject *s, const struct audit_log *log,
    const NxAuditEntry *e, uint32_t n, uint32_t len)
{
	uint32_t k;

	k = NX_CMD_SLOTS - ((s->cmd.own + n) & (NX_CMD_SLOTS - 1));
	len = k < len ? k : len;
	k = NX_CQ_SLOTS - ((s->cq.own + n) & (NX_CQ_SLOTS - 1));
	len = k < len ? k : len;
	k = (uint32_t)(log->stop - e);
	return k < len ? k : len;
}

/*
 * Runs at most `max` commands off the ring in one batch, the caller
 * having checked that they are queued and that their completions have
 * room; returns how many ran.  It stops before the first that may not
 * share a batch: one that runs alone, a refused one (either is run by
 * run_alone, which reads it again and says why), and one that answered
 * ION_RUN_ALONE (it changed nothing).  Nothing in a batch can kill its
 * Subject (a kill comes from a command that runs alone, or from a trap),
 * so a kill is looked for only between batches.
 *
 * A command costs a few tens of instructions here, so the loop runs over
 * stretches that wrap no ring (run_length), counts with the sequence
 * number (one per command), and each field of the shared
 * slot is read exactly once, through a volatile access, into the
 * kernel's own variables: the Subject can rewrite the slot at any
 * moment, and with plain loads the compiler may load a field again after
 * it was checked.  The kind and the reserved field, one little-endian
 * word, are checked in one test, which leaves the word the kind alone;
 * what the log records comes from these variables, never read back from
 * the completion, which is the Subject's memory.
 */
static uint32_t
run_batch(struct subject *s, uint32_t max)
{
	struct audit_log *log = provenance_log();
	uint32_t first = s->seq, seq = first, n;
	int more = 1;

	s->batching = 1;	/* nothing may wait now (ION_RUN_ALONE, tty_read) */
	while (more && (n = seq - first) < max) {
		NxAuditEntry *e = audit_open(log, s->id, s->identity, seq,
		    max - n);
		const volatile uint64_t *slot = cmd_slot(s, n);
		const volatile uint64_t *end = slot +
		    2 * run_length(s, log, e, n, max - n);
		NxCompletion *c = cq_slot(s, n);

		do {
			uint64_t head = slot[0], arg = slot[1];
			cmd_fn run = batch_handler(head);
			int64_t result;

			if (run == NULL) {
				more = 0;
				break;
			}
			result = run(s, arg);
			if (result == ION_RUN_ALONE) {
				more = 0;
				break;
			}
			audit_put(e, (uint32_t)head, arg, result);
			complete(c, result, (uint32_t)head, seq++);
			slot += 2;
			c++;
			e++;
		} while (slot != end);
		audit_took(log, e, seq);
	}
	s->batching = 0;
	s->seq = seq;
	ring_advance(s, seq - first);
	return seq - first;
}

/*
 * The Subject moved its completion ring's tail where no consumer could
 * have put it.  It is told so (NX_EINVAL and one log line per doorbell,
 * as for a forged command ring head), never given room or completions
 * the ring does not have; its commands stay queued.
 */
static int64_t __attribute__((noinline, cold))
cq_forged(struct subject *s)
{
	kprintf("rumpk: %s: completion ring tail is corrupt\n", s->name);
	return NX_EINVAL;
}

/* Completions waiting for the Subject, or NX_EINVAL for a forged tail.
 * A relaxed look at the tail: no slot is written after it, so nothing
 * needs ordering against it. */
static inline int64_t
cq_waiting(struct subject *s)
{
	uint32_t tail = __atomic_load_n(&s->cq.hdr->tail, __ATOMIC_RELAXED);
	uint32_t waiting = s->cq.own - tail;

	if (waiting > NX_CQ_SLOTS)
		return cq_forged(s);
	return waiting;
}

static struct doorbell_answer
answer(int64_t a0, enum ecall_end end)
{
	return (struct doorbell_answer){ (uint64_t)a0, end };
}

/*
 * Runs the commands queued, in order, as long as their completions have
 * room: in batches, and those that may not share one alone (see
 * run_batch); the first alone if `alone_first` (the caller found it
 * must); see ion_doorbell.
 */
static struct doorbell_answer __attribute__((noinline))
doorbell_run(struct subject *s, int alone_first)
{
	int64_t cmds;
	uint32_t room;
	enum ecall_end end = ECALL_QUIET;

	s->replaced = 0;
	if (tx_drain(s))
		end = ECALL_SETTLE;	/* it may have slept in a pipe */
	cmds = ring_count(&s->cmd);
	if (cmds < 0) {
		kprintf("rumpk: %s: command ring head is corrupt\n", s->name);
		return answer(NX_EINVAL, ECALL_SETTLE);
	}
	room = ring_space(&s->cq);
	if (room == 0 && ring_tail_forged(&s->cq))
		return answer(cq_forged(s), ECALL_SETTLE);
	while (cmds > 0 && room > 0 && !s->kill_pending) {
		uint32_t n = alone_first ? 0 :
		    run_batch(s, cmds < room ? (uint32_t)cmds : room);

		alone_first = 0;
		cmds -= n;
		room -= n;
		if (cmds == 0 || room == 0)
			break;
		if (!run_alone(s))	/* a0 is the new program's */
			return answer(0, ECALL_NEW_FRAME);
		end = ECALL_SETTLE;
		cmds--;
		room = ring_space(&s->cq);
	}
	/* A kill that stopped the loop (or came before the Subject first
	 * ran) is seen to on the way back. */
	if (s->kill_pending)
		end = ECALL_SETTLE;
	if (console_held()) {
		int told = 1;	/* SIGTTIN is for a Subject that waits */

		rx_pump(s, &told);
	}
	return answer(cq_waiting(s), end);
}

/*
 * The common doorbell: commands queued and nothing else to see to.  They
 * run in one batch, `max` of them (all queued, or as many as have room
 * for their completions), `waiting` completions before them; if one must
 * run alone, doorbell_run takes over from it.
 */
static struct doorbell_answer __attribute__((noinline))
doorbell_batch(struct subject *s, uint32_t max, uint64_t waiting)
{
	if (run_batch(s, max) != max)
		return doorbell_run(s, 1);
	return answer(waiting + max, ECALL_QUIET);
}

/* The end of a command's doorbell: it ran in the batch, with `result`,
 * and `e` is its entry in the open batch, `kind` and `arg` filled. */
static inline __attribute__((always_inline)) struct doorbell_answer
one_done(struct subject *s, struct audit_log *log, NxAuditEntry *e,
    int64_t result, uint64_t waiting)
{
	e->result = result;
	audit_took(log, e + 1, s->seq + 1);
	complete(cq_slot(s, 0), result, e->kind, s->seq++);
	ring_advance(s, 1);
	return answer(waiting + 1, ECALL_QUIET);
}

/*
 * doorbell_one when the log's open batch is not the Subject's: the
 * command runs first, and the batch is opened only if it ran in it (it
 * may answer ION_RUN_ALONE, and a batch opened for nothing costs about
 * as much as a command).
 */
static struct doorbell_answer __attribute__((noinline))
doorbell_one_first(struct subject *s, uint64_t waiting, uint32_t kind,
    uint64_t arg, cmd_fn run)
{
	struct audit_log *log = provenance_log();
	NxAuditEntry *e;
	int64_t result;

	s->batching = 1;
	result = run(s, arg);
	s->batching = 0;
	if (result == ION_RUN_ALONE)
		return doorbell_run(s, 1);
	e = audit_open(log, s->id, s->identity, s->seq, 1);
	e->kind = kind;
	e->arg = arg;
	return one_done(s, log, e, result, waiting);
}

/*
 * The doorbell of one command and nothing else (a program's synchronous
 * call): run_batch's work for a batch of one, with fewer values to keep
 * across the command.  When the log's open batch is the Subject's (after
 * its first command, the common case), what the log keeps of the command
 * goes into its entry before it runs, out of the Subject's reach: then
 * only the entry is kept across the call.  A command that may not share
 * a batch goes to doorbell_run, with nothing done yet.
 */
static struct doorbell_answer __attribute__((noinline))
doorbell_one(struct subject *s, uint64_t waiting)
{
	struct audit_log *log = provenance_log();
	const volatile uint64_t *slot = cmd_slot(s, 0);
	uint64_t head = slot[0], arg = slot[1];
	cmd_fn run = batch_handler(head);
	NxAuditEntry *e;
	int64_t result;

	if (run == NULL)
		return doorbell_run(s, 1);
	if (!audit_ready(log, s->id, s->seq))
		return doorbell_one_first(s, waiting, (uint32_t)head, arg, run);
	e = log->next;
	e->kind = (uint32_t)head;
	e->arg = arg;
	s->batching = 1;
	result = run(s, arg);
	s->batching = 0;
	if (result == ION_RUN_ALONE)
		return doorbell_run(s, 1);
	return one_done(s, log, e, result, waiting);
}

/*
 * A doorbell with nothing to do (no command, no output, no console input
 * held) is answered at once: programs ring it to poll for completions;
 * one with commands and nothing else goes to doorbell_one or
 * doorbell_batch.  It calls
 * nothing (both are tail calls), so it needs no frame for a backtrace
 * either: a panic below walks past it.  The rings' indices are looked at
 * relaxed, and the command ring's head is fenced (acquire) before a slot
 * is read; a forged index is left to doorbell_run, which says so.
 */
struct doorbell_answer __attribute__((optimize("omit-frame-pointer")))
ion_doorbell(struct subject *s)
{
	if (ring_looks_empty(&s->tx) && console_held() == 0 &&
	    !s->kill_pending) {
		const volatile NxRingHeader *cq = s->cq.hdr, *cmd = s->cmd.hdr;
		/* 32-bit differences, widened with their sign: a forged
		 * index is then a huge number, as it would be unsigned. */
		uint64_t waiting = (uint64_t)(int32_t)(s->cq.own - cq->tail);
		uint64_t cmds = (uint64_t)(int32_t)(cmd->head - s->cmd.own);

		__atomic_thread_fence(__ATOMIC_ACQUIRE);	/* then the slots */

		if (waiting <= NX_CQ_SLOTS && cmds == 0)
			return answer(waiting, ECALL_QUIET);
		if (waiting < NX_CQ_SLOTS && cmds == 1)
			return doorbell_one(s, waiting);
		if (waiting < NX_CQ_SLOTS && cmds <= NX_CMD_SLOTS) {
			uint64_t room = NX_CQ_SLOTS - waiting;

			return doorbell_batch(s,
			    (uint32_t)(cmds < room ? cmds : room), waiting);
		}
	}
	return doorbell_run(s, 0);
}
