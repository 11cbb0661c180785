/*
 * Run by an exec that replaced another program: prints the identity the
 * audit log gives that exec (the newest CMD_SYS_EXEC entry of this
 * Subject) and this program's own identity as `ps` shows it, both as the
 * 16 hex digits `ps` prints, and whether the chain verifies.
 */
#include "libnexus.h"

static void
hex8(const char *what, const uint8_t *d)
{
	nx_printf("exectell: %s %02x%02x%02x%02x%02x%02x%02x%02x\n", what,
	    d[0], d[1], d[2], d[3], d[4], d[5], d[6], d[7]);
}

static const NxAuditEntry *
newest_exec(const NxAuditEntry *e, long n, uint32_t me)
{
	for (long i = n - 1; i >= 0; i--) {
		if (e[i].kind == CMD_SYS_EXEC && e[i].subject == me)
			return &e[i];
	}
	return NULL;
}

static const NxSubjectInfo *
own_info(const NxSubjectInfo *info, long n, uint32_t me)
{
	for (long i = 0; i < n; i++) {
		if (info[i].id == me)
			return &info[i];
	}
	return NULL;
}

int
main(void)
{
	static NxAuditEntry entries[64];
	static NxSubjectInfo info[32];
	uint32_t me = nx_systable()->subject_id, held;
	int64_t broken;
	long n = nx_audit(entries, 64, &held, &broken);
	long np = nx_ps(info, 32);
	const NxAuditEntry *e = n > 0 ? newest_exec(entries, n, me) : NULL;
	const NxSubjectInfo *self = np > 0 ? own_info(info, np, me) : NULL;

	if (!e || !self) {
		nx_print("exectell: no exec entry for this Subject\n");
		return 1;
	}
	hex8("exec logged as", e->identity);
	hex8("running as", self->identity);
	nx_printf("exectell: chain %s\n", broken < 0 ? "ok" : "BROKEN");
	return 0;
}
