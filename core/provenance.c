#include <string.h>

#include "audit.h"
#include "kernel.h"
#include "provenance.h"

static struct audit_log log;
static uint8_t key[16];

void
provenance_init(const uint8_t *seed, size_t len)
{
	static const uint8_t zero[16];
	uint64_t t = hal_time();

	if (len >= 16) {
		/* Fold all of the seed into the key, not only its start. */
		siphash24(zero, seed, len, key, 16);
	} else {
		kprint("rumpk: no rng-seed in the device tree; provenance key "
		    "derived from the timer (weak)\n");
		siphash24(zero, &t, sizeof(t), key, 16);
	}
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
