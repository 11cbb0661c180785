/*
 * libnexus: the native API over the ION rings and the doorbell.  Calls are
 * synchronous; commands that need no answer (giving slabs back) are only
 * queued and travel with the next doorbell.
 */
#include <stdarg.h>
#include <string.h>

#include "fmt.h"
#include "libnexus.h"
#include "queue.h"
#include "ring.h"

#define TX_BATCH 8	/* slabs taken for one write at most */

int main(int argc, char **argv, char **envp);

static struct ring rx, tx;
static NxPacket in;			/* input packet being read */
static uint32_t in_off;
static int in_have;

void
nx_init(void)
{
	const NxSysTable *st = nx_systable();

	nx_queue_init();
	ring_attach(&rx, (void *)(uintptr_t)st->rx_ring, NX_PKT_SLOTS,
	    sizeof(NxPacket), 0);
	ring_attach(&tx, (void *)(uintptr_t)st->tx_ring, NX_PKT_SLOTS,
	    sizeof(NxPacket), 1);
}

/* Program start for programs without a libc (the membrane has its own). */
__attribute__((weak)) void
__nx_entry(int argc, char **argv, char **envp)
{
	nx_init();
	nx_exit(main(argc, argv, envp));
}

static uint8_t *
slab(uint32_t i)
{
	return (uint8_t *)(uintptr_t)(NX_SLAB_BASE +
	    (uint64_t)i * NX_SLAB_SIZE);
}

void
nx_tx_packet(const NxPacket *p)
{
	while (!ring_push(&tx, p))
		nx_flush();
}

/*
 * Output takes exactly the slabs it needs and the kernel takes them back
 * as it sends them, so at rest a Subject holds no slabs but those of input
 * it has not read yet.
 */
static long
write_batch(const uint8_t *p, size_t len)
{
	unsigned want = (unsigned)((len + NX_SLAB_SIZE - 1) / NX_SLAB_SIZE);
	int64_t mask;
	size_t done = 0;

	if (want > TX_BATCH)
		want = TX_BATCH;
	mask = nx_call(CMD_ION_ALLOC, want);
	if (mask <= 0)
		return NX_ENOMEM;
	while (mask && done < len) {
		NxPacket pkt;

		pkt.slab = (uint32_t)__builtin_ctzll((uint64_t)mask);
		mask &= mask - 1;
		pkt.len = len - done < NX_SLAB_SIZE ? (uint32_t)(len - done) :
		    NX_SLAB_SIZE;
		memcpy(slab(pkt.slab), p + done, pkt.len);
		nx_tx_packet(&pkt);
		done += pkt.len;
	}
	nx_flush();		/* the doorbell sends what is on the tx ring */
	return (long)done;
}

long
nx_write(const void *buf, size_t len)
{
	const uint8_t *p = buf;
	size_t done = 0;

	while (done < len) {
		long n = write_batch(p + done, len - done);

		if (n < 0)
			return done ? (long)done : n;
		done += (size_t)n;
	}
	return (long)done;
}

long
nx_read(void *buf, size_t len)
{
	size_t n;

	if (len == 0)
		return 0;
	while (!in_have) {
		if (ring_pop(&rx, &in)) {
			in_have = in.slab < NX_SLABS && in.len <= NX_SLAB_SIZE;
			in_off = 0;
			continue;
		}
		int64_t r = nx_call(CMD_ION_RX_WAIT, 0);

		if (r < 0)
			return (long)r;
	}
	n = in.len - in_off < len ? in.len - in_off : len;
	memcpy(buf, slab(in.slab) + in_off, n);
	in_off += (uint32_t)n;
	if (in_off == in.len) {
		nx_submit(CMD_ION_FREE, in.slab);	/* goes with the next bell */
		in_have = 0;
	}
	return (long)n;
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

long
nx_spawn(const char *path, char *const argv[], char *const envp[],
    const NxSpawnAction *actions, uint32_t nactions, uint32_t job,
    uint32_t flags, char *why, size_t whylen)
{
	NxExecArgs ea = {
		.path = (uintptr_t)path,
		.argv = (uintptr_t)argv,
		.envp = (uintptr_t)envp,
		.errbuf = (uintptr_t)why,
		.errbuf_len = why ? (uint32_t)whylen : 0,
		.actions = (uintptr_t)actions,
		.nactions = nactions,
		.job = job,
		.flags = flags,
	};

	if (why && whylen)
		why[0] = '\0';
	return nx_call(CMD_SYS_EXEC, (uintptr_t)&ea);
}

long
nx_pipe(int fds[2], uint32_t flags)
{
	NxPipeArgs a = { .fds = (uintptr_t)fds, .flags = flags };

	return nx_call(CMD_FS_PIPE, (uintptr_t)&a);
}

long
nx_open(const char *path, uint32_t flags)
{
	return nx_open_mode(path, flags, 0644);
}

long
nx_fread(long fd, void *buf, size_t len)
{
	NxRwArgs a = { (uint64_t)fd, (uintptr_t)buf, len };

	return nx_call(CMD_FS_READ, (uintptr_t)&a);
}

long
nx_fwrite(long fd, const void *buf, size_t len)
{
	NxRwArgs a = { (uint64_t)fd, (uintptr_t)buf, len };

	return nx_call(CMD_FS_WRITE, (uintptr_t)&a);
}

long
nx_dup(long fd, long to, uint32_t flags)
{
	NxDupArgs a = { (uint32_t)fd, (uint32_t)to, flags, 0 };

	return nx_call(CMD_FS_DUP, (uintptr_t)&a);
}

long
nx_fdctl(long fd, uint32_t op, uint64_t arg)
{
	NxFdctlArgs a = { (uint32_t)fd, op, arg };

	return nx_call(CMD_FS_FDCTL, (uintptr_t)&a);
}

long
nx_isatty(long fd)
{
	NxStat st;
	long r = nx_fstat(fd, &st);

	if (r < 0)
		return r;
	return st.type == NX_DT_CHAR && NX_RDEV_MAJOR(st.rdev) == NX_TTY_MAJOR;
}

long
nx_tty(long fd, uint32_t op, NxTermios *t)
{
	NxTtyArgs a = { (int32_t)fd, op, (uintptr_t)t };

	return nx_call(CMD_FS_TTY, (uintptr_t)&a);
}

long
nx_readdir(long fd, NxDirent *d)
{
	NxRwArgs a = { (uint64_t)fd, (uintptr_t)d, sizeof(*d) };

	return nx_call(CMD_FS_READDIR, (uintptr_t)&a);
}

long
nx_seek(long fd, int64_t offset, uint32_t whence)
{
	NxSeekArgs a = { .fd = (uint64_t)fd, .offset = offset,
	    .whence = whence };

	return nx_call(CMD_FS_SEEK, (uintptr_t)&a);
}

long
nx_close(long fd)
{
	return nx_call(CMD_FS_CLOSE, (uint64_t)fd);
}

static long
stat_call(const char *path, long fd, uint32_t flags, NxStat *st)
{
	NxStatArgs a = { .path = (uintptr_t)path, .buf = (uintptr_t)st,
	    .fd = (uint32_t)fd, .flags = flags };

	return nx_call(CMD_FS_STAT, (uintptr_t)&a);
}

long
nx_stat(const char *path, NxStat *st)
{
	return stat_call(path, 0, 0, st);
}

long
nx_lstat(const char *path, NxStat *st)
{
	return stat_call(path, 0, NX_STAT_NOFOLLOW, st);
}

long
nx_fstat(long fd, NxStat *st)
{
	return stat_call(0, fd, NX_STAT_FD, st);
}

long
nx_chdir(const char *path)
{
	return nx_call(CMD_FS_CHDIR, (uintptr_t)path);
}

long
nx_getcwd(char *buf, size_t len)
{
	NxRwArgs a = { 0, (uintptr_t)buf, len };

	return nx_call(CMD_FS_GETCWD, (uintptr_t)&a);
}

long
nx_readlink(const char *path, char *buf, size_t len)
{
	NxReadlinkArgs a = { (uintptr_t)path, (uintptr_t)buf, len };

	return nx_call(CMD_FS_READLINK, (uintptr_t)&a);
}

long
nx_wait(uint32_t id, NxWaitArgs *w)
{
	w->id = id;
	return nx_call(CMD_SYS_WAIT, (uintptr_t)w);
}

long
nx_kill(uint32_t id)
{
	return nx_call(CMD_SYS_KILL, id);
}

void
nx_yield(void)
{
	nx_call(CMD_SYS_YIELD, 0);
}

long
nx_ps(NxSubjectInfo *buf, uint32_t max)
{
	NxPsArgs a = { (uintptr_t)buf, max };

	return nx_call(CMD_SYS_PS, (uintptr_t)&a);
}

long
nx_mem_stat(NxMemStat *m)
{
	return nx_call(CMD_MEM_STAT, (uintptr_t)m);
}

int64_t
nx_brk(uint64_t end)
{
	return nx_call(CMD_MEM_BRK, end);
}

void *
nx_sbrk(int64_t delta)
{
	int64_t old = nx_brk(0), r;

	if (old < 0)
		return (void *)(intptr_t)old;
	if (delta == 0)
		return (void *)(uintptr_t)old;
	r = nx_brk((uint64_t)(old + delta));
	if (r < 0)
		return (void *)(intptr_t)r;
	return (void *)(uintptr_t)old;
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
	return nx_call(CMD_TIME_UPTIME, 0);
}

int64_t
nx_realtime_ns(void)
{
	return (int64_t)nx_systable()->boot_epoch_ns + nx_uptime_ns();
}

long
nx_ion_stat(NxIonStat *st)
{
	return nx_call(CMD_ION_STAT, (uintptr_t)st);
}

long
nx_audit_of(uint32_t subject, NxAuditEntry *buf, uint32_t max,
    uint32_t *held, int64_t *broken)
{
	NxAuditArgs a = { .buf = (uintptr_t)buf, .max = max,
	    .subject = subject };
	long r = nx_call(CMD_SYS_AUDIT, (uintptr_t)&a);

	if (held)
		*held = a.held;
	if (broken)
		*broken = a.broken;
	return r;
}

long
nx_audit(NxAuditEntry *buf, uint32_t max, uint32_t *held, int64_t *broken)
{
	return nx_audit_of(0, buf, max, held, broken);
}

long
nx_receipt(uint32_t seq, NxAuditEntry *e)
{
	NxReceiptArgs a = { .buf = (uintptr_t)e, .seq = seq };

	return nx_call(CMD_SYS_RECEIPT, (uintptr_t)&a);
}

void
nx_print(const char *s)
{
	nx_write(s, strlen(s));
}

/* Collects formatted output so one printf is one console write. */
struct outbuf {
	char buf[NX_SLAB_SIZE];
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
