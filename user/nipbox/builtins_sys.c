/* NipBox's system builtins: ion, audit, uptime, poweroff. */
#include <string.h>

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
	const char *name = nx_cmd_name(e->kind);

	nx_printf("%6lu  subject %-3u seq %-5u ", (unsigned long)e->number,
	    e->subject, e->seq);
	if (name)
		nx_printf("%-12s", name);
	else
		nx_printf("0x%03x       ", e->kind);
	nx_printf("  result %-6ld tag %02x%02x%02x%02x%02x%02x%02x%02x",
	    (long)e->result, e->tag[0], e->tag[1], e->tag[2], e->tag[3],
	    e->tag[4], e->tag[5], e->tag[6], e->tag[7]);
	if (e->part)
		nx_printf(" +%u", e->part);
	nx_print("\n");
}

/* audit [-s ID] [N]: the newest N entries (of Subject ID), and the
 * verdict on the whole log. */
int
cmd_audit(int argc, char **argv)
{
	static NxAuditEntry entries[64];
	unsigned want = 10, subject = 0;
	uint32_t held;
	int64_t broken;
	int ok = 1, i = 1;
	long n;

	if (i + 1 < argc && strcmp(argv[i], "-s") == 0) {
		subject = to_number(argv[i + 1], &ok);
		ok = ok && subject > 0;
		i += 2;
	}
	if (ok && i < argc)
		want = to_number(argv[i++], &ok);
	if (!ok || i < argc) {
		nx_print("usage: audit [-s ID] [N]   (N up to 64)\n");
		return 2;
	}
	if (want > 64)
		want = 64;
	n = nx_audit_of(subject, entries, want, &held, &broken);
	if (n < 0) {
		nx_printf("audit: %s\n", nx_strerror(n));
		return 1;
	}
	for (long k = 0; k < n; k++)
		print_entry(&entries[k]);
	if (broken >= 0) {
		nx_printf("audit: chain BROKEN at entry %ld\n", (long)broken);
		return 1;
	}
	if (subject)
		nx_printf("audit: %u entries of subject %u, chain ok\n", held,
		    subject);
	else
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
