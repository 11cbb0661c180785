#include <string.h>

#include "audit.h"
#include "provenance.h"
#include "random.h"

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

void
provenance_subject(const uint8_t identity[16], uint32_t id,
    struct siphash *out)
{
	audit_subject_state(key, identity, id, out);
}

struct audit_log *
provenance_log(void)
{
	return &log;
}
