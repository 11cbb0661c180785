#include <string.h>

#include "audit.h"
#include "provenance.h"
#include "random.h"

/* Batches the idle fiber tags before it looks for work again: a few, so
 * that a Subject woken meanwhile waits for one SipHash or so, not for a
 * whole ring of them. */
#define IDLE_BATCHES	4

static struct audit_log log;
static uint8_t key[16];

/* The key comes from the boot's seed (core/random.c derives it beside
 * the generator's own, so neither gives away the other). */
void
provenance_init(const uint8_t k[PROVENANCE_KEY_SIZE])
{
	memcpy(key, k, sizeof(key));
	audit_init(&log, key);
}

void
provenance_identity_begin(struct siphash *s)
{
	siphash_init(s, key, 16);
}

struct audit_log *
provenance_log(void)
{
	return &log;
}

struct audit_log *
provenance_sealed_log(void)
{
	audit_seal(&log);
	return &log;
}

/* Idle: nothing runs, so the open batch ends here and is tagged with
 * the rest. */
int
provenance_idle(void)
{
	audit_end(&log);
	return audit_seal_some(&log, IDLE_BATCHES);
}
