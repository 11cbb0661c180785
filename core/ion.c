/*
 * ION dispatch: the doorbell sends the Subject's output packets, drains its
 * command ring in order and posts one completion per command, then tops up
 * its rx ring with console input.  Nothing shared is trusted: packets and
 * descriptors are copied out of the shared pages before they are looked
 * at, the reserved field must be zero, the kind must be known, and every
 * pointer is checked against the Subject's address space.
 */
#include <string.h>

#include "audit.h"
#include "console.h"
#include "errors.h"
#include "kernel.h"
#include "pmm.h"
#include "provenance.h"
#include "subject.h"
#include "usercopy.h"

uint8_t *
ion_slab(struct subject *s, uint32_t i)
{
	uint64_t off = (uint64_t)i * NX_SLAB_SIZE;

	return s->slab_page[off / NX_PAGE_SIZE] + off % NX_PAGE_SIZE;
}

/* Output: every packet on the tx ring goes to the console. */
static void
tx_drain(struct subject *s)
{
	NxPacket p;
	int err;

	if (ring_count(&s->tx) < 0 && !s->tx_warned) {
		kprintf("rumpk: %s: tx ring head is corrupt\n", s->name);
		s->tx_warned = 1;
	}
	while (ring_pop(&s->tx, &p)) {
		if (p.len > NX_SLAB_SIZE) {
			kprintf("rumpk: %s: tx packet of %u bytes dropped\n",
			    s->name, p.len);
			err = slab_free(&s->slabs, p.slab);
			continue;
		}
		/* Take the slab back first: it must be the Subject's. */
		err = slab_free(&s->slabs, p.slab);
		if (err) {
			kprintf("rumpk: %s: tx packet names slab %u: %s\n",
			    s->name, p.slab, nx_strerror(err));
			continue;
		}
		console_write((const char *)ion_slab(s, p.slab), p.len);
	}
}

/* Input: console bytes into the foreground Subject's free slabs. */
static void
rx_pump(struct subject *s)
{
	while (console_held() && ring_space(&s->rx) &&
	    s == subject_foreground()) {
		NxPacket p;
		int slab = slab_alloc(&s->slabs);

		if (slab < 0)
			return;
		p.slab = (uint32_t)slab;
		p.len = (uint32_t)console_take((char *)ion_slab(s, p.slab),
		    NX_SLAB_SIZE);
		ring_push(&s->rx, &p);
	}
}

static int64_t
rx_wait(struct subject *s)
{
	for (;;) {
		uint32_t queued;

		rx_pump(s);
		queued = ring_queued(&s->rx);
		if (queued != 0)
			return queued;
		if (s->slabs.nfree == 0)
			return NX_ENOMEM;	/* it holds every slab */
		/* Input for us arrives, or we may become the foreground. */
		console_wait();
	}
}

static int64_t
ion_stat(struct subject *s, uint64_t arg)
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

static int64_t
sys_audit(struct subject *s, uint64_t arg)
{
	struct audit_log *log = provenance_log();
	NxAuditArgs a;
	uint32_t held, n;

	if (copy_from_user(s->uc.root, &a, arg, sizeof(a)))
		return NX_EFAULT;
	held = audit_held(log);
	n = a.max < held ? a.max : held;
	for (uint32_t i = 0; i < n; i++) {
		if (copy_to_user(s->uc.root, a.buf + (uint64_t)i *
		    sizeof(NxAuditEntry), audit_entry(log, held - n + i),
		    sizeof(NxAuditEntry)))
			return NX_EFAULT;
	}
	a.held = held;
	a.broken = audit_verify(log);
	if (copy_to_user(s->uc.root, arg, &a, sizeof(a)))
		return NX_EFAULT;
	return n;
}

/* Copies a NULL-terminated user array of strings into `a`. */
static int
copy_strv(struct subject *s, struct exec_args *a, uint64_t uv, int env)
{
	char str[NX_EXEC_MAX_STRINGS];

	for (int i = 0; uv; i++) {
		uint64_t p;
		long len;
		int err;

		if (copy_from_user(s->uc.root, &p, uv + 8ul * i, 8))
			return NX_EFAULT;
		if (!p)
			return 0;
		len = copy_str_from_user(s->uc.root, str, p, sizeof(str));
		if (len < 0)
			return len == NX_ENAMETOOLONG ? NX_E2BIG : (int)len;
		err = exec_args_add(a, env, str);
		if (err)
			return err;
	}
	return 0;
}

static void
report(struct subject *s, const NxExecArgs *ea, const char *why)
{
	size_t n = strlen(why) + 1;

	if (!ea->errbuf || !ea->errbuf_len)
		return;
	if (n > ea->errbuf_len)
		n = ea->errbuf_len;
	if (copy_to_user(s->uc.root, ea->errbuf, why, n) == 0 &&
	    n == ea->errbuf_len)
		copy_to_user(s->uc.root, ea->errbuf + n - 1, "", 1);
}

static int64_t
exec_with(struct subject *s, const NxExecArgs *ea, struct exec_args *a)
{
	char path[NX_PATH_MAX], why[160];
	long len, r;
	int err;

	len = copy_str_from_user(s->uc.root, path, ea->path, sizeof(path));
	if (len < 0)
		return len;
	if (ea->flags & ~NX_EXEC_REPLACE)
		return NX_EINVAL;
	err = copy_strv(s, a, ea->argv, 0);
	if (!err)
		err = copy_strv(s, a, ea->envp, 1);
	if (err)
		return err;
	if (ea->flags & NX_EXEC_REPLACE)
		r = subject_replace(s, path, a, why, sizeof(why));
	else
		r = subject_spawn(path, a, why, sizeof(why));
	if (r < 0)
		report(s, ea, why);
	return r;
}

static int64_t
sys_exec(struct subject *s, uint64_t arg)
{
	NxExecArgs ea;
	struct exec_args *a;
	int64_t r;

	if (copy_from_user(s->uc.root, &ea, arg, sizeof(ea)))
		return NX_EFAULT;
	a = page_alloc();
	if (!a)
		return NX_ENOMEM;
	r = exec_with(s, &ea, a);
	page_free(a);
	return r;
}

/* Records an accepted command in the audit log; its tag goes to `tag`. */
static void
stamp(struct subject *s, const CmdPacket *p, uint32_t seq, int64_t result,
    uint8_t tag[16])
{
	NxAuditEntry e;

	memset(&e, 0, sizeof(e));
	e.subject = s->id;
	e.seq = seq;
	e.kind = p->kind;
	e.arg = p->arg;
	e.result = result;
	memcpy(e.identity, s->identity, sizeof(e.identity));
	provenance_stamp(&e, tag);
}

static int
known(uint32_t kind)
{
	switch (kind) {
	case CMD_SYS_NOOP:
	case CMD_ION_FREE:
	case CMD_ION_ALLOC:
	case CMD_ION_RX_WAIT:
	case CMD_ION_STAT:
	case CMD_SYS_EXEC:
	case CMD_SYS_EXIT:
	case CMD_SYS_AUDIT:
	case CMD_SYS_POWEROFF:
	case CMD_TIME_UPTIME:
		return 1;
	default:
		return 0;
	}
}

/* Runs one accepted command.  Commands that never return stamp first. */
static int64_t
dispatch(struct subject *s, const CmdPacket *p, uint32_t seq)
{
	uint8_t tag[16];

	switch (p->kind) {
	case CMD_SYS_NOOP:
		return 0;
	case CMD_ION_FREE:
		return slab_free(&s->slabs, p->arg);
	case CMD_ION_ALLOC:
		return (int64_t)slab_alloc_mask(&s->slabs,
		    p->arg < NX_SLABS ? (unsigned)p->arg : NX_SLABS);
	case CMD_ION_RX_WAIT:
		return rx_wait(s);
	case CMD_ION_STAT:
		return ion_stat(s, p->arg);
	case CMD_SYS_EXEC:
		return sys_exec(s, p->arg);
	case CMD_SYS_EXIT:
		stamp(s, p, seq, 0, tag);
		subject_exit(s, (int)p->arg);
	case CMD_SYS_AUDIT:
		return sys_audit(s, p->arg);
	case CMD_SYS_POWEROFF:
		stamp(s, p, seq, 0, tag);
		kprint("rumpk: power off\n");
		hal_poweroff(0);
	case CMD_TIME_UPTIME:
		return (int64_t)uptime_ns();
	}
	return NX_ENOSYS;
}

/* Takes one command off the ring and completes it; 0 if it replaced the
 * program (the old rings are gone then). */
static int
one_command(struct subject *s)
{
	CmdPacket p;
	NxCompletion c;

	ring_peek(&s->cmd, &p);
	ring_release(&s->cmd, 1);
	memset(&c, 0, sizeof(c));
	c.kind = p.kind;
	c.seq = s->seq++;
	memcpy(c.id, p.id, sizeof(c.id));
	if (p.reserved) {
		kprintf("rumpk: %s: command 0x%x with reserved field set\n",
		    s->name, p.kind);
		c.result = NX_EINVAL;
	} else if (!known(p.kind)) {
		kprintf("rumpk: %s: unknown command kind 0x%x\n", s->name,
		    p.kind);
		c.result = NX_ENOSYS;
	} else {
		c.result = dispatch(s, &p, c.seq);
		if (s->replaced)
			return 0;
		stamp(s, &p, c.seq, c.result, c.tag);
	}
	ring_push(&s->cq, &c);
	return 1;
}

int64_t
ion_doorbell(struct subject *s, uint64_t want)
{
	(void)want;	/* every command completes before the doorbell returns */
	tx_drain(s);
	while (ring_space(&s->cq) > 0) {
		int64_t n = ring_count(&s->cmd);

		if (n < 0) {
			kprintf("rumpk: %s: command ring head is corrupt\n",
			    s->name);
			return NX_EINVAL;
		}
		if (n == 0)
			break;
		if (!one_command(s))
			return 0;
	}
	tx_drain(s);
	rx_pump(s);
	return ring_queued(&s->cq);
}
