/*
 * ION dispatch: the doorbell drains a Subject's command ring in order and
 * posts one completion per command.  Nothing in a packet is trusted: the
 * reserved field must be zero, the kind must be known, and every pointer
 * is checked against the Subject's address space by the copy routines.
 */
#include <string.h>

#include "console.h"
#include "kernel.h"
#include "pmm.h"
#include "subject.h"
#include "usercopy.h"

#define IO_CHUNK 256

static int64_t
con_write(struct subject *s, uint64_t arg)
{
	NxIoArgs io;
	char buf[IO_CHUNK];
	uint64_t done = 0;

	if (copy_from_user(s->uc.root, &io, arg, sizeof(io)))
		return NX_EFAULT;
	while (done < io.len) {
		size_t n = io.len - done < IO_CHUNK ? io.len - done : IO_CHUNK;

		if (copy_from_user(s->uc.root, buf, io.buf + done, n))
			return done ? (int64_t)done : NX_EFAULT;
		console_write(buf, n);
		done += n;
	}
	return (int64_t)done;
}

static int64_t
con_read(struct subject *s, uint64_t arg)
{
	NxIoArgs io;
	char buf[IO_CHUNK];
	size_t n;

	if (copy_from_user(s->uc.root, &io, arg, sizeof(io)))
		return NX_EFAULT;
	if (io.len == 0)
		return 0;
	n = io.len < IO_CHUNK ? io.len : IO_CHUNK;
	/* Check the buffer before taking input, so no byte is lost. */
	if (!user_range_ok(s->uc.root, io.buf, n, VM_W))
		return NX_EFAULT;
	n = console_read(buf, n);
	if (copy_to_user(s->uc.root, io.buf, buf, n))
		return NX_EFAULT;
	return (int64_t)n;
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

static int64_t
dispatch(struct subject *s, const CmdPacket *p)
{
	if (p->reserved) {
		kprintf("rumpk: %s: command 0x%x with reserved field set\n",
		    s->name, p->kind);
		return NX_EINVAL;
	}
	switch (p->kind) {
	case CMD_SYS_NOOP:
		return 0;
	case CMD_CON_WRITE:
		return con_write(s, p->arg);
	case CMD_CON_READ:
		return con_read(s, p->arg);
	case CMD_SYS_EXEC:
		return sys_exec(s, p->arg);
	case CMD_SYS_EXIT:
		subject_exit(s, (int)p->arg);
	case CMD_SYS_POWEROFF:
		kprint("rumpk: power off\n");
		hal_poweroff(0);
	case CMD_SYS_UPTIME:
		return (int64_t)uptime_ns();
	default:
		kprintf("rumpk: %s: unknown command kind 0x%x\n", s->name,
		    p->kind);
		return NX_ENOSYS;
	}
}

int64_t
ion_doorbell(struct subject *s, uint64_t want)
{
	(void)want;	/* every command completes before the doorbell returns */
	while (ring_space(&s->cq) > 0) {
		int64_t n = ring_count(&s->cmd);
		CmdPacket p;
		NxCompletion c;

		if (n < 0) {
			kprintf("rumpk: %s: command ring head is corrupt\n",
			    s->name);
			return NX_EINVAL;
		}
		if (n == 0)
			break;
		ring_peek(&s->cmd, &p);
		ring_release(&s->cmd, 1);
		memset(&c, 0, sizeof(c));
		c.kind = p.kind;
		c.seq = s->seq++;
		memcpy(c.id, p.id, sizeof(c.id));
		c.result = dispatch(s, &p);
		if (s->replaced)
			return 0;
		ring_push(&s->cq, &c);
	}
	return (int64_t)(s->cq.mask + 1 - ring_space(&s->cq));
}
