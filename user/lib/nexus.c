/* libnexus: the native API over the command ring and the doorbell. */
#include <stdarg.h>
#include <string.h>

#include "fmt.h"
#include "libnexus.h"
#include "ring.h"

int main(int argc, char **argv, char **envp);

static struct ring cmd;		/* we produce */
static struct ring cq;		/* we consume */

static long
doorbell(uint64_t want)
{
	register uint64_t a0 __asm__("a0") = want;
	register uint64_t a7 __asm__("a7") = NX_DOORBELL;

	__asm__ volatile("ecall" : "+r"(a0) : "r"(a7) : "memory");
	return (long)a0;
}

void
nx_start(int argc, char **argv, char **envp)
{
	const NxSysTable *st = nx_systable();

	ring_attach(&cmd, (void *)(uintptr_t)st->cmd_ring, NX_CMD_SLOTS,
	    sizeof(CmdPacket), 1);
	ring_attach(&cq, (void *)(uintptr_t)st->cq_ring, NX_CQ_SLOTS,
	    sizeof(NxCompletion), 0);
	nx_exit(main(argc, argv, envp));
}

int64_t
nx_call(uint32_t kind, uint64_t arg)
{
	CmdPacket p = { .kind = kind, .arg = arg };
	NxCompletion c;

	while (!ring_push(&cmd, &p))
		doorbell(0);
	doorbell(1);
	if (!ring_pop(&cq, &c))
		return NX_EIO;
	return c.result;
}

long
nx_write(const void *buf, size_t len)
{
	NxIoArgs io = { (uintptr_t)buf, len };

	return nx_call(CMD_CON_WRITE, (uintptr_t)&io);
}

long
nx_read(void *buf, size_t len)
{
	NxIoArgs io = { (uintptr_t)buf, len };

	return nx_call(CMD_CON_READ, (uintptr_t)&io);
}

long
nx_exec(const char *path, char *const argv[], char *const envp[],
    unsigned flags, char *why, size_t whylen)
{
	NxExecArgs ea = {
		.path = (uintptr_t)path,
		.argv = (uintptr_t)argv,
		.envp = (uintptr_t)envp,
		.errbuf = (uintptr_t)why,
		.errbuf_len = why ? (uint32_t)whylen : 0,
		.flags = flags,
	};

	if (why && whylen)
		why[0] = '\0';
	return nx_call(CMD_SYS_EXEC, (uintptr_t)&ea);
}

void
nx_exit(int status)
{
	for (;;)
		nx_call(CMD_SYS_EXIT, (uint64_t)(int64_t)status);
}

void
nx_poweroff(void)
{
	for (;;)
		nx_call(CMD_SYS_POWEROFF, 0);
}

int64_t
nx_uptime_ns(void)
{
	return nx_call(CMD_SYS_UPTIME, 0);
}

void
nx_print(const char *s)
{
	nx_write(s, strlen(s));
}

/* Collects formatted output so one printf is one console write. */
struct outbuf {
	char buf[256];
	size_t n;
};

static void
out_sink(void *ctx, const char *s, size_t n)
{
	struct outbuf *o = ctx;

	while (n) {
		size_t take = sizeof(o->buf) - o->n;

		if (take > n)
			take = n;
		memcpy(o->buf + o->n, s, take);
		o->n += take;
		s += take;
		n -= take;
		if (o->n == sizeof(o->buf)) {
			nx_write(o->buf, o->n);
			o->n = 0;
		}
	}
}

int
nx_printf(const char *fmt, ...)
{
	struct outbuf o;
	va_list ap;
	int r;

	o.n = 0;
	va_start(ap, fmt);
	r = fmt_vformat(out_sink, &o, fmt, ap);
	va_end(ap);
	if (o.n)
		nx_write(o.buf, o.n);
	return r;
}
