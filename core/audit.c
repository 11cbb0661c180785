#include <string.h>

#include "audit.h"

_Static_assert(AUDIT_ENTRIES > 1, "the previous entry is never the slot reused");
#include "siphash.h"

void
audit_init(struct audit_log *l, const uint8_t key[16])
{
	memset(l, 0, sizeof(*l));
	memcpy(l->key, key, 16);
}

void
audit_tag(const uint8_t key[16], const NxAuditEntry *e,
    const uint8_t prev[16], uint8_t tag[16])
{
	struct siphash s;

	siphash_init(&s, key, 16);
	siphash_update(&s, e, offsetof(NxAuditEntry, tag));
	siphash_update(&s, prev, 16);
	siphash_final(&s, tag);
}

uint32_t
audit_held(const struct audit_log *l)
{
	return l->count < AUDIT_ENTRIES ? (uint32_t)l->count : AUDIT_ENTRIES;
}

NxAuditEntry *
audit_entry(struct audit_log *l, uint32_t i)
{
	uint64_t first = l->count - audit_held(l);

	return &l->e[(first + i) % AUDIT_ENTRIES];
}

const NxAuditEntry *
audit_append(struct audit_log *l, const NxAuditEntry *e)
{
	NxAuditEntry *slot = &l->e[l->count % AUDIT_ENTRIES];
	const uint8_t *prev = l->anchor;

	if (l->count > 0)
		prev = l->e[(l->count - 1) % AUDIT_ENTRIES].tag;
	/* The oldest entry is about to go: its tag anchors the chain. */
	if (l->count >= AUDIT_ENTRIES)
		memcpy(l->anchor, slot->tag, 16);
	*slot = *e;
	slot->number = l->count;
	slot->reserved = 0;
	audit_tag(l->key, slot, prev, slot->tag);
	l->count++;
	return slot;
}

int64_t
audit_verify(const struct audit_log *l)
{
	uint32_t held = audit_held(l);
	uint64_t first = l->count - held;
	const uint8_t *prev = l->anchor;

	for (uint32_t i = 0; i < held; i++) {
		const NxAuditEntry *e = &l->e[(first + i) % AUDIT_ENTRIES];
		uint8_t tag[16];

		audit_tag(l->key, e, prev, tag);
		if (e->number != first + i || memcmp(tag, e->tag, 16) != 0)
			return (int64_t)(first + i);
		prev = e->tag;
	}
	return -1;
}
