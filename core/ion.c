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
#include "copy16.h"
#include "errors.h"
#include "fs/file.h"
#include "kernel.h"
#include "audit.h"
#include "provenance.h"
#include "signal.h"
#include "subject.h"
#include "usercopy.h"

uint8_t *
ion_slab(struct subject *s, uint32_t i)
{
	uint64_t off = (uint64_t)i * NX_SLAB_SIZE;

	return s->slab_page[off / NX_PAGE_SIZE] + off % NX_PAGE_SIZE;
}

/*
 * A packet's bytes go wherever descriptor 1 leads: straight to the UART
 * when it is the terminal (the fast path, one copy), else through the
 * file layer as a write would (a file, a device, a pipe).  With
 * descriptor 1 closed, or a write that fails, the bytes are lost, as a
 * failed write's are; a pipe nobody reads any more (EPIPE) sends the
 * program SIGPIPE, whose default action ends it, or a program that only
 * prints could never learn its reader went away (the shell the kernel
 * started is spared, as it is from ^C).  1 when the
 * write could have waited (a pipe's write end, for room), so the
 * doorbell must not return the quiet way.
 */
static int
tx_out(struct subject *s, uint8_t *buf, uint32_t len)
{
	struct file *f = fdt_get(&s->fds, 1);
	struct uio u;

	if (!f)
		return 0;
	if ((f->vn->flags & VN_TTY) && (f->flags & NX_O_ACCMODE) !=
	    NX_O_RDONLY) {
		console_write((const char *)buf, len);	/* no TOSTOP */
		return 0;
	}
	uio_kernel(&u, s, buf, len);
	if (file_write(f, &u) == NX_EPIPE && !s->shell)
		signal_send(s, SIGPIPE);
	return (f->vn->flags & VN_WRITE_WAITS) != 0;
}

/* Output: every packet on the tx ring goes out through descriptor 1;
 * 1 if one could have waited. */
static int __attribute__((noinline))
tx_send(struct subject *s, int64_t n)
{
	NxPacket p;
	int err, waited = 0;

	if (n < 0 && !s->tx_warned) {
		kprintf("rumpk: %s: tx ring head is corrupt\n", s->name);
		s->tx_warned = 1;
	}
	while (ring_pop(&s->tx, &p)) {
		/* Take the slab back first: it must be the Subject's, also
		 * when the packet is dropped for its length. */
		err = slab_free(&s->slabs, p.slab);
		if (err) {
			kprintf("rumpk: %s: tx packet names slab %u: %s\n",
			    s->name, p.slab, nx_strerror(err));
			continue;
		}
		if (p.len > NX_SLAB_SIZE) {
			kprintf("rumpk: %s: tx packet of %u bytes dropped\n",
			    s->name, p.len);
			continue;
		}
		waited |= tx_out(s, ion_slab(s, p.slab), p.len);
	}
	return waited;
}

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
	return n != 0 ? tx_send(s, n) : 0;
}

int64_t
cmd_ion_stat(struct subject *s, uint64_t arg)
{
	NxIonStat st;

	memset(&st, 0, sizeof(st));
	subject_slab_totals(&st.free, &st.total);
	st.my_free = s->slabs.nfree;
	st.my_total = NX_SLABS;
	st.rx_queued = ring_queued(&s->rx);
	st.tx_queued = (uint32_t)(ring_count(&s->tx) > 0 ?
	    ring_count(&s->tx) : 0);
	st.console_held = (uint32_t)console_held();
	return copy_to_user(s->uc.root, arg, &st, sizeof(st));
}

int64_t
cmd_noop(struct subject *s, uint64_t arg)
{
	(void)s;
	(void)arg;
	return 0;
}

int64_t
cmd_ion_free(struct subject *s, uint64_t arg)
{
	return slab_free(&s->slabs, arg);
}

int64_t
cmd_ion_alloc(struct subject *s, uint64_t arg)
{
	unsigned n = arg < NX_SLABS ? (unsigned)arg : NX_SLABS;

	return (int64_t)slab_alloc_mask(&s->slabs, n);
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

/* Ring slots by type, so their address is shifts and adds, not a
 * multiplication by the ring's slot size. */
static inline const CmdPacket *
cmd_at(const struct subject *s, uint32_t k)
{
	return &((const CmdPacket *)(const void *)s->cmd.slots)
	    [(s->cmd.own + k) & s->cmd.mask];
}

static inline NxCompletion *
cq_at(const struct subject *s, uint32_t k)
{
	return &((NxCompletion *)(void *)s->cq.slots)
	    [(s->cq.own + k) & s->cq.mask];
}

/*
 * The open batch: commands taken off the cmd ring and completions written
 * to the cq ring, neither published yet.
 */
struct batch {
	struct audit_log *log;
	uint32_t taken;
	uint32_t n;
};

/* Gives the commands taken back, closes the batch in the log (tagged
 * later), publishes completions.  Inline: it is a handful of stores, and
 * every doorbell with commands closes a batch. */
static inline __attribute__((always_inline)) void
batch_close(struct subject *s, struct batch *b)
{
	if (b->taken) {
		ring_release(&s->cmd, b->taken);
		b->taken = 0;
	}
	if (b->n == 0)
		return;
	audit_end(b->log);
	ring_publish(&s->cq, b->n);
	b->n = 0;
}

/* Records one command in a batch of its own (tagged later). */
static void
stamp_alone(struct subject *s, uint32_t kind, uint64_t arg, uint32_t seq,
    int64_t result)
{
	struct audit_log *log = provenance_log();

	audit_begin(log, s->id);
	audit_add(log, s->id, s->identity, seq, kind, arg, result);
	audit_end(log);
}

void
ion_stamp_now(struct subject *s, uint32_t kind, uint64_t arg,
    int64_t result)
{
	stamp_alone(s, kind, arg, s->seq - 1, result);
}

/* A command that is refused or runs alone; 0 if it replaced the program
 * (the old rings are gone then). */
static int
run_alone(struct subject *s, const CmdPacket *p, const struct command *cmd)
{
	NxCompletion c;

	memset(&c, 0, sizeof(c));
	c.kind = p->kind;
	c.seq = s->seq++;
	copy16(c.id, p->id);
	if (p->reserved) {
		kprintf("rumpk: %s: command 0x%x with reserved field set\n",
		    s->name, p->kind);
		c.result = NX_EINVAL;
	} else if (!cmd) {
		kprintf("rumpk: %s: unknown command kind 0x%x\n", s->name,
		    p->kind);
		c.result = NX_ENOSYS;
	} else {
		c.result = cmd->run(s, p->arg);
		if (s->replaced)
			return 0;
		stamp_alone(s, p->kind, p->arg, c.seq, c.result);
	}
	ring_push(&s->cq, &c);
	return 1;
}

enum { REPLACED, BATCHED, ALONE };

/* Runs the command taken last on its own; the caller has closed the
 * batch (in line, so that the batch's counts never leave registers). */
static int __attribute__((noinline))
alone(struct subject *s, uint32_t kind, uint32_t reserved, uint64_t arg,
    const copy16_word id[2], const struct command *cmd)
{
	CmdPacket p = { .kind = kind, .reserved = reserved, .arg = arg };

	copy16(p.id, id);
	return run_alone(s, &p, cmd) ? ALONE : REPLACED;
}

/*
 * Takes the next command off the ring and runs it: REPLACED if it
 * replaced the program.  The caller has checked there is room for its
 * completion.  Each field of the shared slot is read exactly once, through
 * a volatile access, into the kernel's own variables: the Subject can
 * rewrite the slot at any moment, and with plain loads the compiler may
 * load a field again after it was checked (to spare a register), acting
 * on a value nobody checked.  Each field was loaded once anyway, so
 * volatile costs no instruction.
 */
static int
one_command(struct subject *s, struct batch *b)
{
	const volatile CmdPacket *slot = cmd_at(s, b->taken);
	const volatile copy16_word *slot_id =
	    (const volatile copy16_word *)slot->id;
	uint32_t kind = slot->kind, reserved = slot->reserved;
	uint64_t arg = slot->arg;
	copy16_word id[2];
	const struct command *cmd = reserved ? NULL : lookup(kind);
	NxCompletion *c;
	int64_t result;
	uint32_t seq;

	b->taken++;
	if (!cmd || cmd->alone) {
		id[0] = slot_id[0];
		id[1] = slot_id[1];
		batch_close(s, b);
		return alone(s, kind, reserved, arg, id, cmd);
	}
	if (b->n == 0)
		audit_begin(b->log, s->id);
	/* The completion is in the Subject's memory, which the command may
	 * write (its argument can point there): what the log records comes
	 * from the kernel's variables, never read back from the slot. */
	seq = s->seq++;
	c = cq_at(s, b->n);
	c->kind = kind;
	c->seq = seq;
	id[0] = slot_id[0];	/* only echoed: read where it is copied */
	id[1] = slot_id[1];
	copy16(c->id, id);
	s->batching = 1;	/* nothing may wait now (ION_RUN_ALONE, tty_read) */
	result = cmd->run(s, arg);
	s->batching = 0;
	if (result == ION_RUN_ALONE) {
		/* It changed nothing: taken back from the batch, it runs
		 * again on its own, with the same sequence number. */
		s->seq--;
		copy16(id, c->id);
		batch_close(s, b);
		return alone(s, kind, reserved, arg, id, cmd);
	}
	c->result = result;
	audit_add(b->log, s->id, s->identity, seq, kind, arg, result);
	b->n++;
	return BATCHED;
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

	if (waiting > s->cq.mask + 1)
		return cq_forged(s);
	return waiting;
}

/* Runs the commands queued; see ion_doorbell. */
static enum ecall_end __attribute__((noinline))
doorbell_run(struct subject *s, uint64_t *a0)
{
	struct batch b = { provenance_log(), 0, 0 };
	int64_t cmds;
	uint32_t room;
	enum ecall_end end = ECALL_QUIET;

	s->replaced = 0;
	if (tx_drain(s))
		end = ECALL_SETTLE;	/* it may have slept in a pipe */
	cmds = ring_count(&s->cmd);
	if (cmds < 0) {
		kprintf("rumpk: %s: command ring head is corrupt\n", s->name);
		*a0 = (uint64_t)(int64_t)NX_EINVAL;
		return ECALL_SETTLE;
	}
	room = ring_space(&s->cq);
	if (room == 0 && ring_tail_forged(&s->cq)) {
		*a0 = (uint64_t)cq_forged(s);
		return ECALL_SETTLE;
	}
	for (; cmds > 0 && room > b.n && !s->kill_pending; cmds--) {
		int r = one_command(s, &b);

		if (r == REPLACED)
			return ECALL_NEW_FRAME;	/* a0 is the new program's */
		if (r == ALONE) {
			end = ECALL_SETTLE;
			room = ring_space(&s->cq);
		}
	}
	batch_close(s, &b);
	/* A kill that stopped the loop (or came before the Subject first
	 * ran) is seen to on the way back. */
	if (s->kill_pending)
		end = ECALL_SETTLE;
	if (console_held()) {
		int told = 1;	/* SIGTTIN is for a Subject that waits */

		rx_pump(s, &told);
	}
	*a0 = (uint64_t)cq_waiting(s);
	return end;
}

/*
 * A doorbell with nothing to do (no command, no output, no console input
 * held) is answered at once: programs ring it to poll for completions.
 * It calls nothing (doorbell_run is a tail call), so it needs no frame
 * for a backtrace either: a panic below doorbell_run walks past it.
 */
enum ecall_end __attribute__((optimize("omit-frame-pointer")))
ion_doorbell(struct subject *s, uint64_t *a0)
{
	if (ring_looks_empty(&s->cmd) && ring_looks_empty(&s->tx) &&
	    console_held() == 0 && !s->kill_pending) {
		/* The completions waiting, as cq_waiting counts them; a
		 * forged tail is left to doorbell_run, which says so: the
		 * quiet way then calls nothing and needs no stack frame. */
		uint32_t tail = __atomic_load_n(&s->cq.hdr->tail,
		    __ATOMIC_RELAXED);
		int32_t waiting = (int32_t)(s->cq.own - tail);

		/* Signed: at most a ring, so the same number, and RV64
		 * keeps 32-bit results sign-extended: no instruction to
		 * widen it. */
		if ((uint32_t)waiting <= s->cq.mask + 1) {
			*a0 = (uint64_t)(int64_t)waiting;
			return ECALL_QUIET;
		}
	}
	return doorbell_run(s, a0);
}
