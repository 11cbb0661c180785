/* Commands about Subjects and the machine: exec, exit, audit, power, time. */
#include <string.h>

#include "audit.h"
#include "cmds.h"
#include "fmt.h"
#include "kernel.h"
#include "pcache.h"
#include "pmm.h"
#include "provenance.h"
#include "spawn_actions.h"
#include "subject.h"
#include "usercopy.h"

int64_t
cmd_audit(struct subject *s, uint64_t arg)
{
	struct audit_log *log = provenance_sealed_log();
	struct audit_cursor c;
	const NxAuditEntry *e;
	NxAuditArgs a;
	uint32_t n = 0;

	if (copy_from_user(s->uc.root, &a, arg, sizeof(a)))
		return NX_EFAULT;
	if (a.reserved)
		return NX_EINVAL;
	audit_cursor(log, a.subject, a.max, &c);
	for (; (e = audit_next(log, &c)) != NULL; n++) {
		if (copy_to_user(s->uc.root, a.buf + (uint64_t)n *
		    sizeof(NxAuditEntry), e, sizeof(NxAuditEntry)))
			return NX_EFAULT;
	}
	a.held = audit_held(log, a.subject);
	a.broken = audit_verify(log);
	if (copy_to_user(s->uc.root, arg, &a, sizeof(a)))
		return NX_EFAULT;
	return n;
}

/* The caller's own entry for a sequence number, with its tag: computing
 * the tags waiting, if need be, is the price of asking. */
int64_t
cmd_receipt(struct subject *s, uint64_t arg)
{
	NxReceiptArgs a;
	NxAuditEntry e;

	if (copy_from_user(s->uc.root, &a, arg, sizeof(a)))
		return NX_EFAULT;
	if (a.reserved)
		return NX_EINVAL;
	if (audit_receipt(provenance_log(), s->id, a.seq, &e))
		return NX_ENOENT;
	return copy_to_user(s->uc.root, a.buf, &e, sizeof(e));
}

int
exec_args_from_user(struct subject *s, struct exec_args *a, uint64_t uv,
    int env)
{
	for (int i = 0; uv; i++) {
		uint64_t p;
		long len;

		if (copy_from_user(s->uc.root, &p, uv + 8ul * i, 8))
			return NX_EFAULT;
		if (!p)
			return 0;
		/* Straight into the block: no copy of it on the kernel stack. */
		if (!exec_args_room(a))
			return NX_E2BIG;
		len = copy_str_from_user(s->uc.root, a->area + a->used, p,
		    exec_args_room(a));
		if (len < 0)
			return len == NX_ENAMETOOLONG ? NX_E2BIG : (int)len;
		if (exec_args_take(a, env, (size_t)len + 1))
			return NX_E2BIG;
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

/* The flags, the job and the actions: 0, or why the exec is refused. */
static int
exec_checks(struct subject *s, const NxExecArgs *ea,
    struct spawn_actions *acts, char *why, size_t whylen)
{
	if (ea->flags & ~(NX_EXEC_REPLACE | NX_EXEC_FOREGROUND)) {
		strncpy(why, "unknown flags", whylen);
		return NX_EINVAL;
	}
	if ((ea->job || (ea->flags & NX_EXEC_FOREGROUND)) &&
	    (ea->flags & NX_EXEC_REPLACE)) {
		strncpy(why, "a replaced program keeps its job", whylen);
		return NX_EINVAL;
	}
	if (ea->job && subject_job_ok(s, ea->job)) {
		fmt_snprintf(why, whylen, "no job %u among its children",
		    ea->job);
		return NX_ESRCH;
	}
	return spawn_actions_copy(s, ea->actions, ea->nactions, acts, why,
	    whylen);
}

static int64_t
exec_with(struct subject *s, const NxExecArgs *ea, struct exec_args *a,
    struct spawn_actions *acts)
{
	char path[NX_PATH_MAX], why[160];
	const struct spawn_actions *use;
	long len, r;
	int err;

	why[0] = '\0';
	len = copy_str_from_user(s->uc.root, path, ea->path, sizeof(path));
	if (len < 0)
		return len;
	err = exec_checks(s, ea, acts, why, sizeof(why));
	if (!err)
		err = exec_args_from_user(s, a, ea->argv, 0);
	if (!err)
		err = exec_args_from_user(s, a, ea->envp, 1);
	if (err) {
		report(s, ea, why);
		return err;
	}
	use = acts->n ? acts : NULL;
	if (ea->flags & NX_EXEC_REPLACE)
		r = subject_replace(s, path, a, use, why, sizeof(why));
	else
		r = subject_spawn(s, path, a, use, ea->job, why, sizeof(why));
	if (r < 0)
		report(s, ea, why);
	else if (r > 0 && (ea->flags & NX_EXEC_FOREGROUND))
		subject_hand_terminal(s, (uint32_t)r);
	return r;
}

/* Who asked for an exec, as the audit log must name it. */
struct caller {
	uint8_t identity[16] __attribute__((aligned(8)));	/* copy16 */
};

/*
 * An exec that replaced the program is logged once the new program is in
 * place (no completion will carry it), but it was the old program's act:
 * it is logged under the identity the caller had, not the one install()
 * has switched to (its tag, computed later, is made from that identity).
 */
static void
stamp_replaced(struct subject *s, const struct caller *c, uint64_t arg)
{
	struct audit_log *log = provenance_log();

	audit_alone(log, s->id, c->identity, s->seq - 1, CMD_SYS_EXEC, arg, 0);
}

int64_t
cmd_exec(struct subject *s, uint64_t arg)
{
	NxExecArgs ea;
	struct exec_args *a;
	struct spawn_actions acts;
	struct caller was;
	int64_t r;

	if (copy_from_user(s->uc.root, &ea, arg, sizeof(ea)))
		return NX_EFAULT;
	a = exec_args_alloc();
	if (!a)
		return NX_ENOMEM;
	copy16(was.identity, s->identity);
	r = exec_with(s, &ea, a, &acts);
	exec_args_free(a);
	if (s->replaced)
		stamp_replaced(s, &was, arg);
	return r;
}

int64_t
cmd_wait(struct subject *s, uint64_t arg)
{
	NxWaitArgs a;
	struct ending e;
	long id;

	if (copy_from_user(s->uc.root, &a, arg, sizeof(a)))
		return NX_EFAULT;
	if (!user_range_ok(s->uc.root, arg, sizeof(a), VM_W))
		return NX_EFAULT;
	id = subject_wait(s, a.id, &e);
	if (id < 0)
		return id;
	a.how = e.how;
	a.status = e.status;
	a.cause = e.cause;
	a.addr = e.addr;
	a.pc = e.pc;
	/* The child is freed only once its status is out: if the copy fails
	 * after all, the caller gets NX_EFAULT and the next wait finds the
	 * child again. */
	if (copy_to_user(s->uc.root, arg, &a, sizeof(a)))
		return NX_EFAULT;
	subject_reap(s, (uint32_t)id);
	return id;
}

/* A Subject may end itself and its own children, no others. */
int64_t
cmd_kill(struct subject *s, uint64_t arg)
{
	struct subject *t = arg <= UINT32_MAX ?
	    subject_by_id((uint32_t)arg) : NULL;

	if (!t || t->state != SUBJECT_LIVE)
		return NX_ESRCH;
	if (t != s && t->parent != s->id)
		return NX_EPERM;
	subject_kill(t);
	return 0;
}

int64_t
cmd_yield(struct subject *s, uint64_t arg)
{
	(void)s;
	(void)arg;
	fiber_yield();
	return 0;
}

int64_t
cmd_ps(struct subject *s, uint64_t arg)
{
	NxPsArgs a;
	NxSubjectInfo info[16];		/* a few at a time: there may be many */
	int n = 0, got;

	if (copy_from_user(s->uc.root, &a, arg, sizeof(a)))
		return NX_EFAULT;
	for (; (uint32_t)n < a.max; n += got) {
		int want = a.max - (uint32_t)n < 16 ? (int)(a.max - (uint32_t)n) :
		    16;

		got = subject_list(info, n, want);
		if (!got)
			break;
		if (copy_to_user(s->uc.root, a.buf + (uint64_t)n *
		    sizeof(info[0]), info, (size_t)got * sizeof(info[0])))
			return NX_EFAULT;
	}
	return n;
}

int64_t
cmd_brk(struct subject *s, uint64_t arg)
{
	return subject_brk(s, arg);
}

int64_t
cmd_mem_stat(struct subject *s, uint64_t arg)
{
	NxMemStat m = {
		.free = pages_free(),
		.total = pages_total(),
		.heap = s->brk - s->heap_start,
		.heap_max = NX_HEAP_MAX,
	};
	uint64_t cached;

	pcache_stat(&cached, &m.cached);

	return copy_to_user(s->uc.root, arg, &m, sizeof(m));
}

int64_t
cmd_exit(struct subject *s, uint64_t arg)
{
	ion_stamp_now(s, CMD_SYS_EXIT, arg, 0);
	subject_exit(s, (int)arg);
}

int64_t
cmd_poweroff(struct subject *s, uint64_t arg)
{
	ion_stamp_now(s, CMD_SYS_POWEROFF, arg, 0);
	kprint("rumpk: power off\n");
	hal_poweroff(0);
}

int64_t
cmd_uptime(struct subject *s, uint64_t arg)
{
	(void)s;
	(void)arg;
	return (int64_t)uptime_ns();
}

int64_t
cmd_sleep(struct subject *s, uint64_t arg)
{
	return subject_sleep(s, arg);
}
