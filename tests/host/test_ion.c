/*
 * SipHash against the reference vectors, the audit log's hash chain under
 * every kind of tampering, and slab ownership.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "audit.h"
#include "siphash.h"
#include "slab.h"
#include "test.h"

static int
hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	return -1;
}

/* Checks one vector, hashing both in one go and byte by byte. */
static void
check_vector(const uint8_t key[16], const uint8_t *msg, int len,
    const char *hex, int outlen)
{
	uint8_t want[16], once[16], bytewise[16];
	struct siphash s;

	for (int i = 0; i < outlen; i++)
		want[i] = (uint8_t)(hexval(hex[2 * i]) << 4 |
		    hexval(hex[2 * i + 1]));
	siphash24(key, msg, (size_t)len, once, outlen);
	siphash_init(&s, key, outlen);
	for (int i = 0; i < len; i++)
		siphash_update(&s, msg + i, 1);
	siphash_final(&s, bytewise);
	test_note("sip%d length %d", outlen * 8, len);
	CHECK(memcmp(once, want, (size_t)outlen) == 0);
	test_note("sip%d length %d, byte by byte", outlen * 8, len);
	CHECK(memcmp(bytewise, want, (size_t)outlen) == 0);
}

void
test_siphash_vectors(void)
{
	char path[512], line[256], variant[16], hex[40];
	uint8_t key[16], msg[64];
	int n, count64 = 0, count128 = 0;
	FILE *f;

	for (int i = 0; i < 16; i++)
		key[i] = (uint8_t)i;
	for (int i = 0; i < 64; i++)
		msg[i] = (uint8_t)i;
	test_path(path, sizeof(path), test_datadir,
	    "siphash-2-4-vectors.txt");
	f = fopen(path, "r");
	test_note("cannot open %s", path);
	if (!CHECK(f != NULL))
		return;
	while (fgets(line, sizeof(line), f)) {
		if (line[0] == '#' || sscanf(line, "%15s %d %39s", variant, &n,
		    hex) != 3 || n < 0 || n > 64)
			continue;
		if (strcmp(variant, "sip64") == 0 && strlen(hex) == 16) {
			check_vector(key, msg, n, hex, 8);
			count64++;
		} else if (strcmp(variant, "sip128") == 0 && strlen(hex) == 32) {
			check_vector(key, msg, n, hex, 16);
			count128++;
		}
	}
	fclose(f);
	CHECK_EQ(count64, 64);
	CHECK_EQ(count128, 64);
}

static const uint8_t audit_key[16] = "rumpk audit key";

/* A log with `n` entries appended, each different. */
static struct audit_log *
filled_log(int n)
{
	struct audit_log *l = malloc(sizeof(*l));

	audit_init(l, audit_key);
	for (int i = 0; i < n; i++) {
		NxAuditEntry e;

		memset(&e, 0, sizeof(e));
		e.subject = 1 + (uint32_t)i % 3;
		e.seq = (uint32_t)i;
		e.kind = CMD_SYS_NOOP + (uint32_t)i % 2 * CMD_TIME_UPTIME;
		e.arg = (uint64_t)i * 77;
		e.result = i % 5 ? i : NX_ENOENT;
		e.identity[0] = (uint8_t)e.subject;
		audit_append(l, &e);
	}
	return l;
}

void
test_audit_valid(void)
{
	struct audit_log *l = filled_log(0);

	CHECK_EQ(audit_held(l), 0);
	CHECK_EQ(audit_verify(l), (uint64_t)-1);
	free(l);
	l = filled_log(10);
	CHECK_EQ(audit_held(l), 10);
	CHECK_EQ(audit_verify(l), (uint64_t)-1);
	CHECK_EQ(audit_entry(l, 0)->number, 0);
	CHECK_EQ(audit_entry(l, 9)->number, 9);
	free(l);
	/* Wrapped around several times: the anchor carries the chain. */
	l = filled_log(3 * AUDIT_ENTRIES + 17);
	CHECK_EQ(audit_held(l), AUDIT_ENTRIES);
	CHECK_EQ(audit_entry(l, 0)->number, 2 * AUDIT_ENTRIES + 17);
	CHECK_EQ(audit_verify(l), (uint64_t)-1);
	free(l);
}

void
test_audit_tampering(void)
{
	const int n = AUDIT_ENTRIES + 40;	/* wrapped */
	struct audit_log *l;
	uint64_t first = n - AUDIT_ENTRIES;
	NxAuditEntry tmp;

	/* A changed field of entry 10 (each field in turn). */
	for (int field = 0; field < 6; field++) {
		l = filled_log(n);
		NxAuditEntry *e = audit_entry(l, 10);

		switch (field) {
		case 0: e->result ^= 1; break;
		case 1: e->kind ^= 1; break;
		case 2: e->arg++; break;
		case 3: e->subject++; break;
		case 4: e->identity[5] ^= 0x80; break;
		case 5: e->tag[15] ^= 1; break;
		}
		test_note("field %d", field);
		CHECK_EQ(audit_verify(l), first + 10);
		free(l);
	}
	/* Two entries swapped, numbers and all. */
	l = filled_log(n);
	tmp = *audit_entry(l, 20);
	*audit_entry(l, 20) = *audit_entry(l, 21);
	*audit_entry(l, 21) = tmp;
	CHECK_EQ(audit_verify(l), first + 20);
	free(l);
	/* Swapped, with the numbers put back in order. */
	l = filled_log(n);
	tmp = *audit_entry(l, 30);
	*audit_entry(l, 30) = *audit_entry(l, 31);
	*audit_entry(l, 31) = tmp;
	audit_entry(l, 30)->number = first + 30;
	audit_entry(l, 31)->number = first + 31;
	CHECK_EQ(audit_verify(l), first + 30);
	free(l);
	/* Entry 40 removed: the later ones shift down, renumbered. */
	l = filled_log(n);
	for (uint32_t i = 40; i + 1 < AUDIT_ENTRIES; i++) {
		*audit_entry(l, i) = *audit_entry(l, i + 1);
		audit_entry(l, i)->number = first + i;
	}
	CHECK_EQ(audit_verify(l), first + 40);
	free(l);
	/* The anchor changed: the oldest entry no longer chains. */
	l = filled_log(n);
	l->anchor[0] ^= 1;
	CHECK_EQ(audit_verify(l), first);
	free(l);
	/* The newest entry changed. */
	l = filled_log(n);
	audit_entry(l, AUDIT_ENTRIES - 1)->seq++;
	CHECK_EQ(audit_verify(l), first + AUDIT_ENTRIES - 1);
	free(l);
	/* Another key cannot verify the log. */
	l = filled_log(5);
	l->key[3] ^= 1;
	CHECK_EQ(audit_verify(l), 0);
	free(l);
}

void
test_slab_ownership(void)
{
	struct slab_pool p;
	uint64_t mask;
	int a, b;

	slab_init(&p);
	CHECK_EQ(p.nfree, NX_SLABS);
	CHECK_EQ(slab_free(&p, NX_SLABS), (uint64_t)NX_ERANGE);
	CHECK_EQ(slab_free(&p, ~0ull), (uint64_t)NX_ERANGE);
	CHECK_EQ(slab_free(&p, 3), (uint64_t)NX_EPERM);	/* never held */
	a = slab_alloc(&p);
	b = slab_alloc(&p);
	CHECK(a >= 0 && b >= 0 && a != b);
	CHECK_EQ(p.nfree, NX_SLABS - 2);
	CHECK_EQ(slab_free(&p, (uint64_t)a), 0);
	CHECK_EQ(slab_free(&p, (uint64_t)a), (uint64_t)NX_EALREADY);
	CHECK_EQ(p.nfree, NX_SLABS - 1);
	/* A returned slab can be handed out again, and freed again. */
	mask = slab_alloc_mask(&p, NX_SLABS);
	CHECK_EQ(__builtin_popcountll(mask), NX_SLABS - 1);
	CHECK(!(mask & (1ull << b)));
	CHECK_EQ(p.nfree, 0);
	CHECK_EQ(slab_alloc(&p), (uint64_t)NX_ENOMEM);
	CHECK_EQ(slab_alloc_mask(&p, 4), 0);
	CHECK_EQ(slab_free(&p, (uint64_t)a), 0);
	/* Reclaim on exit: everything back, nothing counted twice. */
	CHECK_EQ(slab_reclaim(&p), NX_SLABS - 1);
	CHECK_EQ(p.nfree, NX_SLABS);
	CHECK_EQ(slab_free(&p, (uint64_t)b), (uint64_t)NX_EPERM);
	CHECK_EQ(slab_reclaim(&p), 0);
}
