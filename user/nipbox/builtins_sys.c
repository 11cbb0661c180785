/* NipBox's system builtins: ion, audit, uptime, poweroff. */
#include "nipbox.h"

int
cmd_poweroff(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	nx_poweroff();
}

int
cmd_ion(int argc, char **argv)
{
	NxIonStat st;
	long r = nx_ion_stat(&st);

	(void)argc;
	(void)argv;
	if (r < 0) {
		nx_printf("ion: %s\n", nx_strerror(r));
		return 1;
	}
	nx_printf("ion: %u of %u packets free\n", st.free, st.total);
	nx_printf("ion: nipbox holds %u of its %u; rx ring %u queued, "
	    "tx ring %u queued; %u input bytes held by the kernel\n",
	    st.my_total - st.my_free, st.my_total, st.rx_queued, st.tx_queued,
	    st.console_held);
	return 0;
}

static unsigned
to_number(const char *s, int *ok)
{
	unsigned v = 0;

	*ok = *s != '\0';
	for (; *s; s++) {
		if (*s < '0' || *s > '9' || v > 100000) {
			*ok = 0;
			return 0;
		}
		v = v * 10 + (unsigned)(*s - '0');
	}
	return v;
}

/* One entry; "+N" after the tag: the entry is the Nth after the first of
 * its batch, whose tag it shares. */
static void
print_entry(const NxAuditEntry *e)
{
	nx_printf("%6lu  subject %-3u seq %-5u cmd 0x%03x  result %-6ld "
	    "tag %02x%02x%02x%02x%02x%02x%02x%02x",
	    (unsigned long)e->number, e->subject, e->seq, e->kind,
	    (long)e->result, e->tag[0], e->tag[1], e->tag[2], e->tag[3],
	    e->tag[4], e->tag[5], e->tag[6], e->tag[7]);
	if (e->part)
		nx_printf(" +%u", e->part);
	nx_print("\n");
}

int
cmd_audit(int argc, char **argv)
{
	static NxAuditEntry entries[64];
	unsigned want = 10;
	uint32_t held;
	int64_t broken;
	int ok = 1;
	long n;

	if (argc > 1)
		want = to_number(argv[1], &ok);
	if (!ok || argc > 2) {
		nx_print("usage: audit [N]   (N up to 64)\n");
		return 2;
	}
	if (want > 64)
		want = 64;
	n = nx_audit(entries, want, &held, &broken);
	if (n < 0) {
		nx_printf("audit: %s\n", nx_strerror(n));
		return 1;
	}
	for (long i = 0; i < n; i++)
		print_entry(&entries[i]);
	if (broken >= 0) {
		nx_printf("audit: chain BROKEN at entry %ld\n", (long)broken);
		return 1;
	}
	nx_printf("audit: %u entries, chain ok\n", held);
	return 0;
}

int
cmd_uptime(int argc, char **argv)
{
	int64_t ns = nx_uptime_ns();

	(void)argc;
	(void)argv;
	nx_printf("up %ld.%03ld s\n", (long)(ns / 1000000000),
	    (long)(ns / 1000000 % 1000));
	return 0;
}


static const char *
state_name(uint32_t state)
{
	switch (state) {
	case NX_PS_RUNNING: return "run";
	case NX_PS_WAITING: return "wait";
	case NX_PS_ENDED: return "ended";
	default: return "?";
	}
}

int
cmd_ps(int argc, char **argv)
{
	static NxSubjectInfo info[32];
	long n = nx_ps(info, 32);

	(void)argc;
	(void)argv;
	if (n < 0) {
		nx_printf("ps: %s\n", nx_strerror(n));
		return 1;
	}
	nx_print("   ID PARENT STATE  PAGES IDENTITY          NAME\n");
	for (long i = 0; i < n; i++) {
		const uint8_t *d = info[i].identity;

		nx_printf("%5u %6u %-6s %5u %02x%02x%02x%02x%02x%02x%02x%02x  "
		    "%s\n", info[i].id, info[i].parent,
		    state_name(info[i].state), info[i].pages, d[0], d[1], d[2],
		    d[3], d[4], d[5], d[6], d[7], info[i].name);
	}
	return 0;
}

int
cmd_mem(int argc, char **argv)
{
	NxMemStat m;

	(void)argc;
	(void)argv;
	if (nx_mem_stat(&m) < 0)
		return 1;
	nx_printf("mem: %lu of %lu pages free, %lu cached\n",
	    (unsigned long)m.free, (unsigned long)m.total,
	    (unsigned long)m.cached);
	return 0;
}
