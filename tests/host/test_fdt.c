/*
 * core/fdt.c against QEMU's own device tree, against damaged copies of it,
 * and against small trees built here to reach the paths QEMU's tree does
 * not: /memreserve/, /reserved-memory, 2-cell initrd properties, odd cells.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fdt.h"
#include "test.h"

#define FDT_MAGIC	0xd00dfeedu
#define TOK_BEGIN	1
#define TOK_END_NODE	2
#define TOK_PROP	3
#define TOK_NOP		4
#define TOK_END		9
#define HDR_SIZE	40

/* Header fields, by byte offset. */
#define H_TOTALSIZE	4
#define H_OFF_STRUCT	8
#define H_OFF_STRINGS	12
#define H_OFF_RSV	16
#define H_VERSION	20
#define H_SIZE_STRINGS	32
#define H_SIZE_STRUCT	36

static uint32_t
get32(const uint8_t *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 |
	    (uint32_t)p[2] << 8 | p[3];
}

static void
put32(uint8_t *p, uint32_t v)
{
	p[0] = v >> 24;
	p[1] = v >> 16;
	p[2] = v >> 8;
	p[3] = v;
}

/*
 * Lays out header, reservation block, structure and strings, in that order,
 * in a buffer of exactly the total size.  The structure block is copied as
 * is, so a caller may hand in one of any length.
 */
static uint8_t *
assemble(const uint8_t *rsv, size_t rsvlen, const uint8_t *st, size_t stlen,
    const char *str, size_t strsz, uint32_t version, size_t *len)
{
	size_t off_st = HDR_SIZE + rsvlen;
	size_t total = off_st + stlen + strsz;
	uint8_t *b = calloc(1, total);

	if (!b) {
		perror("calloc");
		exit(2);
	}
	put32(b, FDT_MAGIC);
	put32(b + H_TOTALSIZE, (uint32_t)total);
	put32(b + H_OFF_STRUCT, (uint32_t)off_st);
	put32(b + H_OFF_STRINGS, (uint32_t)(off_st + stlen));
	put32(b + H_OFF_RSV, HDR_SIZE);
	put32(b + H_VERSION, version);
	put32(b + 24, 16);		/* last compatible version */
	put32(b + H_SIZE_STRINGS, (uint32_t)strsz);
	put32(b + H_SIZE_STRUCT, (uint32_t)stlen);
	memcpy(b + HDR_SIZE, rsv, rsvlen);
	memcpy(b + off_st, st, stlen);
	memcpy(b + off_st + stlen, str, strsz);
	*len = total;
	return b;
}

/* ---- a tiny FDT builder ------------------------------------------------- */

struct fdtb {
	uint8_t st[8192];		/* structure block */
	size_t stlen;
	char str[1024];			/* strings block */
	size_t strsz;
	uint8_t rsv[16 * 40];		/* /memreserve/ entries */
	int nrsv;
	uint32_t version;
};

static void
fb_init(struct fdtb *b)
{
	memset(b, 0, sizeof(*b));
	b->version = 17;
}

static void
fb_room(struct fdtb *b, size_t n)
{
	/* A test asking for more is a bug in the test: stop loudly. */
	if (b->stlen + n > sizeof(b->st)) {
		fprintf(stderr, "fdt builder: structure block full\n");
		abort();
	}
}

static void
fb_u32(struct fdtb *b, uint32_t v)
{
	fb_room(b, 4);
	put32(b->st + b->stlen, v);
	b->stlen += 4;
}

/* Appends bytes, then zeros up to the next 4-byte boundary. */
static void
fb_bytes(struct fdtb *b, const void *p, size_t n)
{
	fb_room(b, n + 3);
	if (n)		/* p may be NULL then, which memcpy() may not get */
		memcpy(b->st + b->stlen, p, n);
	b->stlen += n;
	while (b->stlen % 4)
		b->st[b->stlen++] = 0;
}

static uint32_t
fb_string(struct fdtb *b, const char *name)
{
	size_t l = strlen(name) + 1, off;

	for (off = 0; off < b->strsz; off += strlen(b->str + off) + 1) {
		if (strcmp(b->str + off, name) == 0)
			return (uint32_t)off;
	}
	if (b->strsz + l > sizeof(b->str)) {
		fprintf(stderr, "fdt builder: strings block full\n");
		abort();
	}
	memcpy(b->str + b->strsz, name, l);
	b->strsz += l;
	return (uint32_t)off;
}

static void
fb_begin(struct fdtb *b, const char *name)
{
	fb_u32(b, TOK_BEGIN);
	fb_bytes(b, name, strlen(name) + 1);
}

static void
fb_end(struct fdtb *b)
{
	fb_u32(b, TOK_END_NODE);
}

static void
fb_prop(struct fdtb *b, const char *name, const void *val, size_t len)
{
	fb_u32(b, TOK_PROP);
	fb_u32(b, (uint32_t)len);
	fb_u32(b, fb_string(b, name));
	fb_bytes(b, val, len);
}

/* A property of `n` cells. */
#define MAXCELLS 128

static void
fb_cells(struct fdtb *b, const char *name, const uint32_t *cells, int n)
{
	uint8_t v[MAXCELLS * 4];

	if (n > MAXCELLS) {
		fprintf(stderr, "fdt builder: too many cells\n");
		abort();
	}
	for (int i = 0; i < n; i++)
		put32(v + 4 * i, cells[i]);
	fb_prop(b, name, v, (size_t)n * 4);
}

static void
fb_u32prop(struct fdtb *b, const char *name, uint32_t v)
{
	fb_cells(b, name, &v, 1);
}

static void
fb_u64prop(struct fdtb *b, const char *name, uint64_t v)
{
	uint32_t c[2] = { (uint32_t)(v >> 32), (uint32_t)v };

	fb_cells(b, name, c, 2);
}

static void
fb_str(struct fdtb *b, const char *name, const char *s)
{
	fb_prop(b, name, s, strlen(s) + 1);
}

/* A reg of (base, size) pairs in 2+2 cells. */
static void
fb_reg64(struct fdtb *b, const uint64_t *pairs, int npairs)
{
	uint32_t c[MAXCELLS];

	if (npairs > MAXCELLS / 4) {
		fprintf(stderr, "fdt builder: too many cells\n");
		abort();
	}
	for (int i = 0; i < 2 * npairs; i++) {
		c[2 * i] = (uint32_t)(pairs[i] >> 32);
		c[2 * i + 1] = (uint32_t)pairs[i];
	}
	fb_cells(b, "reg", c, 4 * npairs);
}

static void
fb_memreserve(struct fdtb *b, uint64_t base, uint64_t size)
{
	uint8_t *e = b->rsv + 16 * b->nrsv++;

	put32(e, (uint32_t)(base >> 32));
	put32(e + 4, (uint32_t)base);
	put32(e + 8, (uint32_t)(size >> 32));
	put32(e + 12, (uint32_t)size);
}

/* The blob as built, without adding an end token. */
static uint8_t *
fb_blob(struct fdtb *b, size_t *len)
{
	/* The zeroed entry after the last one terminates the block. */
	return assemble(b->rsv, 16 * ((size_t)b->nrsv + 1), b->st, b->stlen,
	    b->str, b->strsz, b->version, len);
}

static uint8_t *
fb_finish(struct fdtb *b, size_t *len)
{
	fb_u32(b, TOK_END);
	return fb_blob(b, len);
}

/* Opens the root with the given cell sizes. */
static void
fb_root(struct fdtb *b, uint32_t ac, uint32_t sc)
{
	fb_begin(b, "");
	fb_u32prop(b, "#address-cells", ac);
	fb_u32prop(b, "#size-cells", sc);
}

/* Parses and frees `blob`; 1 if it fails with exactly `want`. */
static int
rejects(uint8_t *blob, size_t len, const char *want)
{
	struct fdt_info fi;
	const char *err = fdt_parse(blob, len, &fi);
	int ok = err && strcmp(err, want) == 0;

	if (!ok)
		test_note("got \"%s\", want \"%s\"", err ? err : "(accepted)",
		    want);
	free(blob);
	return ok;
}

/* rejects() for the builder's tree, with an end token added. */
static int
tree_rejects(struct fdtb *b, const char *want)
{
	size_t len;
	uint8_t *blob = fb_finish(b, &len);

	return rejects(blob, len, want);
}

/* rejects() for the builder's structure exactly as it stands. */
static int
blob_rejects(struct fdtb *b, const char *want)
{
	size_t len;
	uint8_t *blob = fb_blob(b, &len);

	return rejects(blob, len, want);
}

/* Parses the builder's tree into `fi`; 1 if it is accepted. */
static int
accepts(struct fdtb *b, struct fdt_info *fi)
{
	size_t len;
	uint8_t *blob = fb_finish(b, &len);
	const char *err = fdt_parse(blob, len, fi);

	/* fi points into the blob; these tests only look at numbers. */
	fi->bootargs = NULL;
	fi->rng_seed = NULL;
	free(blob);
	if (err)
		test_note("rejected: %s", err);
	return err == NULL;
}

/* ---- QEMU's device tree ------------------------------------------------- */

/* The real blob, copied to a buffer of exactly its total size. */
static uint8_t *
qemu_dtb(size_t *len)
{
	char path[1024];
	size_t flen;
	uint8_t *file, *blob;
	uint32_t total;

	test_path(path, sizeof(path), test_builddir, "virt.dtb");
	file = test_read_file(path, &flen);
	if (!CHECK(file != NULL))
		return NULL;
	total = fdt_total_size(file, flen);
	if (!CHECK(total >= HDR_SIZE && total <= flen)) {
		free(file);
		return NULL;
	}
	blob = test_copy(file, total);
	free(file);
	*len = total;
	return blob;
}

static int
inside(const void *p, size_t n, const uint8_t *blob, size_t len)
{
	const uint8_t *q = p;

	return q >= blob && q <= blob + len && n <= (size_t)(blob + len - q);
}

void
test_fdt_qemu(void)
{
	struct fdt_info fi;
	char path[1024];
	size_t len, initrd_len;
	uint8_t *blob, *initrd;

	if (!(blob = qemu_dtb(&len)))
		return;
	CHECK_STREQ(fdt_parse(blob, len, &fi), NULL);
	CHECK_EQ(fi.total_size, len);
	CHECK_EQ(fi.nmem, 1);
	CHECK_EQ(fi.mem[0].base, 0x80000000);
	CHECK_EQ(fi.mem[0].size, 128ul << 20);
	CHECK_EQ(fi.uart_base, 0x10000000);
	CHECK_EQ(fi.uart_irq, 10);
	CHECK_EQ(fi.plic_base, 0x0c000000);
	CHECK_EQ(fi.test_base, 0x100000);
	CHECK_EQ(fi.rtc_base, 0x101000);
	CHECK_EQ(fi.timebase_hz, 10000000);
	CHECK_STREQ(fi.bootargs, "console=ttyS0 hello");
	CHECK(fi.bootargs == NULL || inside(fi.bootargs, 20, blob, len));
	CHECK(fi.rng_seed != NULL);
	CHECK_EQ(fi.rng_seed_len, 32);
	CHECK(inside(fi.rng_seed, fi.rng_seed_len, blob, len));
	/* QEMU 7.2's default rv64 hart: "rv64imafdch_zicsr_..._zbb_...". */
	if (CHECK(fi.isa != NULL))
		CHECK(strncmp(fi.isa, "rv64imafdc", 10) == 0);
	CHECK(fdt_isa_has(&fi, "zbb"));
	CHECK(fdt_isa_has(&fi, "zicsr"));
	CHECK(!fdt_isa_has(&fi, "zb"));
	CHECK(!fdt_isa_has(&fi, "rv64"));

	CHECK(fi.has_initrd);
	CHECK(fi.initrd_end > fi.initrd_start);
	CHECK(fi.initrd_start >= fi.mem[0].base);
	CHECK(fi.initrd_end <= fi.mem[0].base + fi.mem[0].size);
	test_path(path, sizeof(path), test_builddir, "initrd.tar");
	initrd = test_read_file(path, &initrd_len);
	if (CHECK(initrd != NULL))
		CHECK_EQ(fi.initrd_end - fi.initrd_start, initrd_len);
	free(initrd);
	free(blob);
}

void
test_fdt_bad_magic(void)
{
	size_t len;
	uint8_t *blob;

	if (!(blob = qemu_dtb(&len)))
		return;
	CHECK_EQ(fdt_total_size(blob, HDR_SIZE), len);
	CHECK_EQ(fdt_total_size(blob, HDR_SIZE - 1), 0);
	for (int i = 0; i < 4; i++) {
		uint8_t *bad = test_copy(blob, len);

		bad[i] ^= 0x20;
		CHECK_EQ(fdt_total_size(bad, len), 0);
		CHECK(rejects(bad, len, "not a device tree (bad magic)"));
	}
	free(blob);
}

/* Every prefix of the real blob: its header still claims the full size. */
void
test_fdt_truncated(void)
{
	struct fdt_info fi;
	size_t len, bad = 0, first_bad = 0;
	uint8_t *blob;

	if (!(blob = qemu_dtb(&len)))
		return;
	for (size_t n = 0; n <= len; n++) {
		uint8_t *cut = test_copy(blob, n);
		const char *err = fdt_parse(cut, n, &fi);

		if ((n < len) != (err != NULL) && bad++ == 0)
			first_bad = n;
		free(cut);
	}
	if (bad)
		test_note("first wrong answer at length %zu", first_bad);
	CHECK_EQ(bad, 0);
	free(blob);
}

/*
 * Prefixes of the structure block, then of the strings block, each in a
 * blob whose header agrees with its size, so the walk itself meets the cut.
 * Structure cuts are whole tokens only; odd cuts: fdt_regression_name_pad.
 */
void
test_fdt_truncated_consistent(void)
{
	struct fdt_info fi;
	size_t len, n, bad = 0;
	uint8_t *blob, *rsv, *cut;
	uint32_t off_st, off_str, sz_st, sz_str;

	if (!(blob = qemu_dtb(&len)))
		return;
	off_st = get32(blob + H_OFF_STRUCT);
	off_str = get32(blob + H_OFF_STRINGS);
	sz_st = get32(blob + H_SIZE_STRUCT);
	sz_str = get32(blob + H_SIZE_STRINGS);
	/* QEMU writes no /memreserve/ entries: an empty block will do. */
	rsv = calloc(1, 16);
	for (uint32_t k = 0; k <= sz_st; k += 4) {
		cut = assemble(rsv, 16, blob + off_st, k, (const char *)blob +
		    off_str, sz_str, 17, &n);
		if ((fdt_parse(cut, n, &fi) == NULL) != (k == sz_st))
			bad++;
		free(cut);
	}
	for (uint32_t k = 0; k <= sz_str; k++) {
		cut = assemble(rsv, 16, blob + off_st, sz_st,
		    (const char *)blob + off_str, k, 17, &n);
		(void)fdt_parse(cut, n, &fi);	/* must only not crash */
		free(cut);
	}
	CHECK_EQ(bad, 0);
	free(rsv);
	free(blob);
}

/* Whatever a damaged blob yields must still point inside the blob. */
static int
sane(const struct fdt_info *fi, const uint8_t *blob, size_t len)
{
	if (fi->nmem < 0 || fi->nmem > FDT_MAX_RANGES ||
	    fi->nreserved < 0 || fi->nreserved > FDT_MAX_RANGES)
		return 0;
	if (fi->bootargs && !inside(fi->bootargs,
	    strnlen(fi->bootargs, len) + 1, blob, len))
		return 0;
	if (fi->rng_seed && !inside(fi->rng_seed, fi->rng_seed_len, blob, len))
		return 0;
	return 1;
}

void
test_fdt_corrupt_bytes(void)
{
	static const uint8_t flips[] = { 0x01, 0x04, 0x80, 0xff };
	struct fdt_info fi;
	size_t len, insane = 0, accepted = 0;
	uint8_t *blob;

	if (!(blob = qemu_dtb(&len)))
		return;
	for (size_t pos = 0; pos < len; pos++) {
		for (size_t f = 0; f < sizeof(flips); f++) {
			uint8_t *bad = test_copy(blob, len);

			bad[pos] ^= flips[f];
			if (fdt_parse(bad, len, &fi) == NULL) {
				accepted++;
				if (!sane(&fi, bad, len) && insane++ == 0)
					test_note("insane result: byte %zu ^ "
					    "%#x", pos, flips[f]);
			}
			free(bad);
		}
	}
	CHECK_EQ(insane, 0);
	/* Most bytes are property values: flipping them changes nothing. */
	CHECK(accepted > 0);
	free(blob);
}

void
test_fdt_size_too_big(void)
{
	static const uint32_t sizes[] = { 0, 1, HDR_SIZE - 1, 0xffffffffu };
	size_t len;
	uint8_t *blob, *bad;

	if (!(blob = qemu_dtb(&len)))
		return;
	bad = test_copy(blob, len);
	put32(bad + H_TOTALSIZE, (uint32_t)len + 1);
	CHECK(rejects(bad, len, "device tree size is wrong"));
	for (size_t i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++) {
		struct fdt_info fi;

		bad = test_copy(blob, len);
		put32(bad + H_TOTALSIZE, sizes[i]);
		CHECK(fdt_parse(bad, len, &fi) != NULL);
		free(bad);
	}
	free(blob);
}

/* ---- synthetic trees ---------------------------------------------------- */

void
test_fdt_minimal(void)
{
	struct fdtb b;
	struct fdt_info fi;
	size_t len;
	uint8_t *blob;

	fb_init(&b);
	fb_begin(&b, "");
	fb_u32(&b, TOK_NOP);
	fb_end(&b);
	blob = fb_finish(&b, &len);
	CHECK_STREQ(fdt_parse(blob, len, &fi), NULL);
	CHECK_EQ(fi.total_size, len);
	CHECK_EQ(fi.nmem, 0);
	CHECK_EQ(fi.nreserved, 0);
	CHECK(!fi.has_initrd);
	CHECK(fi.bootargs == NULL);
	CHECK(fi.rng_seed == NULL);
	CHECK_EQ(fi.uart_base, 0);
	CHECK_EQ(fi.timebase_hz, 0);
	free(blob);
}

void
test_fdt_reserved(void)
{
	static const uint64_t mem[] = { 0x80000000, 0x10000000 };
	static const uint64_t mmode[] = { 0x80000000, 0x40000 };
	static const uint64_t fw[] = { 0x8f000000, 0x100000,
	    0x8f200000, 0x1000 };
	static const uint64_t uart[] = { 0x10000000, 0x100 };
	struct fdtb b;
	struct fdt_info fi;

	fb_init(&b);
	fb_memreserve(&b, 0x87000000, 0x2000);
	fb_memreserve(&b, 0, 0x1000);		/* only 0, 0 ends the block */
	fb_root(&b, 2, 2);
	fb_begin(&b, "memory@80000000");
	fb_str(&b, "device_type", "memory");
	fb_reg64(&b, mem, 1);
	fb_end(&b);
	fb_begin(&b, "reserved-memory");
	fb_u32prop(&b, "#address-cells", 2);
	fb_u32prop(&b, "#size-cells", 2);
	fb_prop(&b, "ranges", NULL, 0);
	fb_begin(&b, "mmode_resv0@80000000");
	fb_reg64(&b, mmode, 1);
	fb_prop(&b, "no-map", NULL, 0);
	fb_end(&b);
	fb_begin(&b, "firmware@8f000000");
	fb_reg64(&b, fw, 2);
	fb_end(&b);
	fb_begin(&b, "dynamic");		/* no reg: nothing to reserve */
	fb_u64prop(&b, "size", 0x100000);
	fb_end(&b);
	fb_end(&b);
	fb_begin(&b, "soc");			/* a reg outside reserved-memory */
	fb_u32prop(&b, "#address-cells", 2);
	fb_u32prop(&b, "#size-cells", 2);
	fb_begin(&b, "serial@10000000");
	fb_reg64(&b, uart, 1);
	fb_end(&b);
	fb_end(&b);
	fb_begin(&b, "chosen");
	fb_u64prop(&b, "linux,initrd-start", 0x184200000ull);
	fb_u64prop(&b, "linux,initrd-end", 0x184219000ull);
	fb_end(&b);
	fb_end(&b);
	if (!CHECK(accepts(&b, &fi)))
		return;
	CHECK_EQ(fi.nmem, 1);
	CHECK_EQ(fi.mem[0].base, 0x80000000);
	CHECK_EQ(fi.mem[0].size, 0x10000000);
	/* /memreserve/ is read before the tree, so its entries come first. */
	if (!CHECK_EQ(fi.nreserved, 5))
		return;
	CHECK_EQ(fi.reserved[0].base, 0x87000000);
	CHECK_EQ(fi.reserved[0].size, 0x2000);
	CHECK_EQ(fi.reserved[1].base, 0);
	CHECK_EQ(fi.reserved[1].size, 0x1000);
	CHECK_EQ(fi.reserved[2].base, 0x80000000);
	CHECK_EQ(fi.reserved[2].size, 0x40000);
	CHECK_EQ(fi.reserved[3].base, 0x8f000000);
	CHECK_EQ(fi.reserved[3].size, 0x100000);
	CHECK_EQ(fi.reserved[4].base, 0x8f200000);
	CHECK_EQ(fi.reserved[4].size, 0x1000);
	CHECK(fi.has_initrd);
	CHECK_EQ(fi.initrd_start, 0x184200000ull);
	CHECK_EQ(fi.initrd_end, 0x184219000ull);
}

/* A /chosen with the given initrd property bytes, both properties. */
static uint8_t *
initrd_tree(const void *start, const void *end, size_t len, size_t *blen)
{
	struct fdtb b;

	fb_init(&b);
	fb_root(&b, 2, 2);
	fb_begin(&b, "chosen");
	fb_prop(&b, "linux,initrd-start", start, len);
	fb_prop(&b, "linux,initrd-end", end, len);
	fb_end(&b);
	fb_end(&b);
	return fb_finish(&b, blen);
}

void
test_fdt_initrd_cells(void)
{
	static const uint8_t s1[] = { 0x84, 0x20, 0x00, 0x00 };
	static const uint8_t e1[] = { 0x84, 0x21, 0x90, 0x00 };
	static const uint8_t s2[] = { 0, 0, 0, 1, 0x84, 0x20, 0, 0 };
	static const uint8_t e2[] = { 0, 0, 0, 1, 0x84, 0x21, 0x90, 0 };
	static const uint8_t junk[12];
	static const size_t badlens[] = { 0, 3, 5, 6, 12 };
	struct fdt_info fi;
	struct fdtb b;
	size_t len;
	uint8_t *blob;

	blob = initrd_tree(s1, e1, 4, &len);
	CHECK_STREQ(fdt_parse(blob, len, &fi), NULL);
	CHECK(fi.has_initrd);
	CHECK_EQ(fi.initrd_start, 0x84200000);
	CHECK_EQ(fi.initrd_end, 0x84219000);
	free(blob);

	blob = initrd_tree(s2, e2, 8, &len);
	CHECK_STREQ(fdt_parse(blob, len, &fi), NULL);
	CHECK(fi.has_initrd);
	CHECK_EQ(fi.initrd_start, 0x184200000ull);
	CHECK_EQ(fi.initrd_end, 0x184219000ull);
	free(blob);

	/* Neither one cell nor two. */
	for (size_t i = 0; i < sizeof(badlens) / sizeof(badlens[0]); i++) {
		blob = initrd_tree(junk, junk, badlens[i], &len);
		CHECK(rejects(blob, len, "bad linux,initrd-* property"));
	}

	/* Only in /chosen, not in a node of that name elsewhere. */
	fb_init(&b);
	fb_root(&b, 2, 2);
	fb_begin(&b, "soc");
	fb_begin(&b, "chosen");
	fb_prop(&b, "linux,initrd-start", s1, 4);
	fb_str(&b, "bootargs", "not these");
	fb_end(&b);
	fb_end(&b);
	fb_end(&b);
	if (CHECK(accepts(&b, &fi)))
		CHECK(!fi.has_initrd);
}

void
test_fdt_cells(void)
{
	static const uint32_t two[] = { 0x80000000, 0x4000000,
	    0x90000000, 0x4000000, 0xdead };	/* a stray cell is ignored */
	static const uint32_t dflt[] = { 0, 0x80000000, 0x1000000 };
	static const uint32_t cells[][2] = { { 3, 2 }, { 0, 1 }, { 2, 0 },
	    { 2, 3 } };
	struct fdtb b;
	struct fdt_info fi;

	/* 1-cell addresses and sizes, two ranges in one reg. */
	fb_init(&b);
	fb_root(&b, 1, 1);
	fb_begin(&b, "memory@80000000");
	fb_str(&b, "device_type", "memory");
	fb_cells(&b, "reg", two, 5);
	fb_end(&b);
	fb_begin(&b, "memoryx");		/* not a memory node */
	fb_cells(&b, "reg", two, 2);
	fb_end(&b);
	fb_end(&b);
	if (CHECK(accepts(&b, &fi)) && CHECK_EQ(fi.nmem, 2)) {
		CHECK_EQ(fi.mem[0].base, 0x80000000);
		CHECK_EQ(fi.mem[0].size, 0x4000000);
		CHECK_EQ(fi.mem[1].base, 0x90000000);
		CHECK_EQ(fi.mem[1].size, 0x4000000);
	}

	/* The spec's defaults, 2 and 1, and a memory node known by type. */
	fb_init(&b);
	fb_begin(&b, "");
	fb_begin(&b, "ram@80000000");
	fb_str(&b, "device_type", "memory");
	fb_cells(&b, "reg", dflt, 3);
	fb_end(&b);
	fb_end(&b);
	if (CHECK(accepts(&b, &fi)) && CHECK_EQ(fi.nmem, 1)) {
		CHECK_EQ(fi.mem[0].base, 0x80000000);
		CHECK_EQ(fi.mem[0].size, 0x1000000);
	}

	/* Cell counts the parser does not handle are an error for memory. */
	for (size_t i = 0; i < sizeof(cells) / sizeof(cells[0]); i++) {
		fb_init(&b);
		fb_root(&b, cells[i][0], cells[i][1]);
		fb_begin(&b, "memory@0");
		fb_cells(&b, "reg", two, 4);
		fb_end(&b);
		fb_end(&b);
		CHECK(tree_rejects(&b,
		    "unsupported #address-cells/#size-cells"));
	}
}

void
test_fdt_limits(void)
{
	uint64_t pairs[2 * 20];
	struct fdtb b;
	struct fdt_info fi;

	/* More ranges than fit: the first FDT_MAX_RANGES are kept. */
	for (int i = 0; i < 20; i++) {
		pairs[2 * i] = 0x80000000ull + (uint64_t)i * 0x1000000;
		pairs[2 * i + 1] = i == 3 ? 0 : 0x100000;  /* empty: skipped */
	}
	fb_init(&b);
	for (int i = 0; i < 20; i++)
		fb_memreserve(&b, pairs[2 * i], pairs[2 * i + 1]);
	fb_root(&b, 2, 2);
	fb_begin(&b, "memory@80000000");
	fb_reg64(&b, pairs, 20);
	fb_end(&b);
	fb_begin(&b, "reserved-memory");
	fb_u32prop(&b, "#address-cells", 2);
	fb_u32prop(&b, "#size-cells", 2);
	fb_begin(&b, "more@0");
	fb_reg64(&b, pairs, 1);
	fb_end(&b);
	fb_end(&b);
	fb_end(&b);
	if (!CHECK(accepts(&b, &fi)))
		return;
	CHECK_EQ(fi.nmem, FDT_MAX_RANGES);
	CHECK_EQ(fi.nreserved, FDT_MAX_RANGES);
	CHECK_EQ(fi.mem[3].base, 0x80000000ull + 4 * 0x1000000);
	CHECK_EQ(fi.reserved[15].base, 0x80000000ull + 16 * 0x1000000);

	/* Nesting: as deep as the walk's stack goes, and one deeper. */
	for (int depth = 16; depth <= 17; depth++) {
		fb_init(&b);
		for (int i = 0; i < depth; i++)
			fb_begin(&b, i ? "n" : "");
		for (int i = 0; i < depth; i++)
			fb_end(&b);
		if (depth == 16)
			CHECK(accepts(&b, &fi));
		else
			CHECK(tree_rejects(&b,
			    "nodes nested too deeply"));
	}
}

void
test_fdt_devices(void)
{
	static const uint64_t uart[] = { 0x10000000, 0x100 };
	static const uint64_t uart2[] = { 0x10001000, 0x100 };
	static const uint64_t plic[] = { 0x0c000000, 0x600000 };
	static const uint64_t test[] = { 0x100000, 0x1000 };
	static const char testcompat[] = "sifive,test1\0sifive,test0\0syscon";
	struct fdtb b;
	struct fdt_info fi;

	fb_init(&b);
	fb_root(&b, 2, 2);
	fb_begin(&b, "cpus");
	fb_u32prop(&b, "#address-cells", 1);
	fb_u32prop(&b, "#size-cells", 0);
	fb_u64prop(&b, "timebase-frequency", 12500000);
	fb_begin(&b, "cpu@0");
	fb_u32prop(&b, "timebase-frequency", 1);	/* not here */
	fb_end(&b);
	fb_end(&b);
	fb_begin(&b, "soc");
	fb_u32prop(&b, "#address-cells", 2);
	fb_u32prop(&b, "#size-cells", 2);
	fb_begin(&b, "notuart@0");
	fb_str(&b, "compatible", "ns16550ab");	/* a prefix is no match */
	fb_reg64(&b, uart2, 1);
	fb_end(&b);
	fb_begin(&b, "serial@10000000");
	fb_u32prop(&b, "interrupts", 7);
	fb_str(&b, "compatible", "ns16550");
	fb_reg64(&b, uart, 1);
	fb_end(&b);
	fb_begin(&b, "serial@10001000");		/* the first one wins */
	fb_u32prop(&b, "interrupts", 8);
	fb_str(&b, "compatible", "ns16550a");
	fb_reg64(&b, uart2, 1);
	fb_end(&b);
	fb_begin(&b, "plic@c000000");
	fb_str(&b, "compatible", "riscv,plic0");
	fb_reg64(&b, plic, 1);
	fb_end(&b);
	fb_begin(&b, "test@100000");
	fb_prop(&b, "compatible", testcompat, sizeof(testcompat));
	fb_reg64(&b, test, 1);
	fb_end(&b);
	fb_end(&b);
	fb_end(&b);
	if (!CHECK(accepts(&b, &fi)))
		return;
	CHECK_EQ(fi.timebase_hz, 12500000);
	CHECK_EQ(fi.uart_base, 0x10000000);
	CHECK_EQ(fi.uart_irq, 7);
	CHECK_EQ(fi.plic_base, 0x0c000000);
	CHECK_EQ(fi.test_base, 0x100000);
	CHECK_EQ(fi.nmem, 0);
}

/* Parses what `b` built, keeping the blob (fi points into it). */
static uint8_t *
parsed(struct fdtb *b, struct fdt_info *fi)
{
	size_t len;
	uint8_t *blob = fb_finish(b, &len);

	if (!CHECK_STREQ(fdt_parse(blob, len, fi), NULL)) {
		free(blob);
		return NULL;
	}
	return blob;
}

/* The first cpu's ISA, as a riscv,isa string or an extension list. */
void
test_fdt_isa(void)
{
	static const char list[] = "i\0m\0zicsr\0zbb";
	struct fdtb b;
	struct fdt_info fi;
	uint8_t *blob;

	fb_init(&b);
	fb_root(&b, 2, 2);
	fb_begin(&b, "cpus");
	fb_begin(&b, "cpu@0");
	fb_str(&b, "riscv,isa", "rv64imac_zicsr_zbbx_zba");
	fb_end(&b);
	fb_begin(&b, "cpu@1");				/* the first one counts */
	fb_str(&b, "riscv,isa", "rv64imac_zbb");
	fb_end(&b);
	fb_end(&b);
	fb_end(&b);
	if ((blob = parsed(&b, &fi))) {
		CHECK(fdt_isa_has(&fi, "zba"));
		CHECK(fdt_isa_has(&fi, "zicsr"));
		CHECK(!fdt_isa_has(&fi, "zbb"));	/* only "zbbx" */
		CHECK(!fdt_isa_has(&fi, "zb"));
		free(blob);
	}

	fb_init(&b);
	fb_root(&b, 2, 2);
	fb_begin(&b, "cpus");
	fb_begin(&b, "cpu@0");
	fb_prop(&b, "riscv,isa-extensions", list, sizeof(list));
	fb_end(&b);
	fb_end(&b);
	fb_end(&b);
	if ((blob = parsed(&b, &fi))) {
		CHECK(fi.isa == NULL);
		CHECK(fdt_isa_has(&fi, "zbb"));
		CHECK(fdt_isa_has(&fi, "m"));
		CHECK(!fdt_isa_has(&fi, "zba"));
		free(blob);
	}

	/* Not a string: rejected. */
	fb_init(&b);
	fb_root(&b, 2, 2);
	fb_begin(&b, "cpus");
	fb_begin(&b, "cpu@0");
	fb_prop(&b, "riscv,isa", "rv64", 4);
	fb_end(&b);
	fb_end(&b);
	fb_end(&b);
	CHECK(!accepts(&b, &fi));

	/* No cpus at all: nothing is claimed. */
	fb_init(&b);
	fb_root(&b, 2, 2);
	fb_end(&b);
	if ((blob = parsed(&b, &fi))) {
		CHECK(!fdt_isa_has(&fi, "zbb"));
		free(blob);
	}
}

/* A root holding one property with a hand-written length and name offset;
 * the strings block holds just "name". */
static uint8_t *
raw_prop_tree(uint32_t len, uint32_t nameoff, size_t *blen)
{
	struct fdtb b;

	fb_init(&b);
	fb_begin(&b, "");
	fb_string(&b, "name");
	fb_u32(&b, TOK_PROP);
	fb_u32(&b, len);
	fb_u32(&b, nameoff);
	fb_u32(&b, 0);
	fb_end(&b);
	return fb_finish(&b, blen);
}

void
test_fdt_errors(void)
{
	struct fdtb b;
	size_t len;
	uint8_t *blob;

	fb_init(&b);
	fb_u32prop(&b, "x", 1);
	CHECK(tree_rejects(&b, "property outside any node"));

	fb_init(&b);
	fb_end(&b);
	CHECK(tree_rejects(&b, "unbalanced end of node"));

	fb_init(&b);
	fb_begin(&b, "");
	CHECK(tree_rejects(&b, "unclosed node at end"));

	fb_init(&b);
	fb_begin(&b, "");
	fb_u32(&b, 7);
	CHECK(tree_rejects(&b, "unknown structure token"));

	fb_init(&b);
	fb_begin(&b, "");
	fb_end(&b);
	CHECK(blob_rejects(&b,
	    "structure block has no end token"));

	/* A name whose NUL would lie past the structure block. */
	fb_init(&b);
	fb_u32(&b, TOK_BEGIN);
	memcpy(b.st + b.stlen, "abcd", 4);
	b.stlen += 4;
	CHECK(blob_rejects(&b, "unterminated node name"));

	/* A property token with no room for its length and name. */
	fb_init(&b);
	fb_begin(&b, "");
	fb_u32(&b, TOK_PROP);
	fb_u32(&b, 0);
	CHECK(blob_rejects(&b, "truncated property"));

	blob = raw_prop_tree(0x1000, 0, &len);
	CHECK(rejects(blob, len, "property runs past the structure block"));
	blob = raw_prop_tree(0xffffffffu, 0, &len);
	CHECK(rejects(blob, len, "property runs past the structure block"));
	blob = raw_prop_tree(4, 5, &len);	/* "name\0" is 5 bytes */
	CHECK(rejects(blob, len, "bad property name offset"));
	blob = raw_prop_tree(4, 0xffffffffu, &len);
	CHECK(rejects(blob, len, "bad property name offset"));

	/* A name offset whose string has no NUL inside the strings block. */
	blob = raw_prop_tree(4, 0, &len);
	put32(blob + H_SIZE_STRINGS, 4);
	CHECK(rejects(blob, len, "bad property name offset"));

	fb_init(&b);
	fb_begin(&b, "");
	fb_begin(&b, "chosen");
	fb_prop(&b, "bootargs", "abc", 3);
	fb_end(&b);
	fb_end(&b);
	CHECK(tree_rejects(&b, "bootargs is not a string"));

	fb_init(&b);
	fb_begin(&b, "");
	fb_begin(&b, "chosen");
	fb_prop(&b, "bootargs", "", 0);
	fb_end(&b);
	fb_end(&b);
	CHECK(tree_rejects(&b, "bootargs is not a string"));

	fb_init(&b);
	fb_begin(&b, "");
	fb_begin(&b, "cpus");
	fb_prop(&b, "timebase-frequency", "abc", 3);
	fb_end(&b);
	fb_end(&b);
	CHECK(tree_rejects(&b, "bad timebase-frequency"));

	fb_init(&b);
	fb_begin(&b, "");
	fb_end(&b);
	b.version = 16;
	CHECK(tree_rejects(&b,
	    "device tree version too old"));
}

/* The Goldfish RTC: by compatible (in a list, not a prefix), the first
 * one wins, and a tree without one says 0. */
void
test_fdt_rtc(void)
{
	static const uint64_t rtc[] = { 0x101000, 0x1000 };
	static const uint64_t rtc2[] = { 0x102000, 0x1000 };
	static const char compat[] = "vendor,rtc\0google,goldfish-rtc";
	struct fdtb b;
	struct fdt_info fi;

	fb_init(&b);
	fb_root(&b, 2, 2);
	fb_begin(&b, "soc");
	fb_u32prop(&b, "#address-cells", 2);
	fb_u32prop(&b, "#size-cells", 2);
	fb_begin(&b, "rtc@100000");
	fb_str(&b, "compatible", "google,goldfish-rtc-v2");
	fb_reg64(&b, rtc2, 1);
	fb_end(&b);
	fb_begin(&b, "rtc@101000");
	fb_prop(&b, "compatible", compat, sizeof(compat));
	fb_reg64(&b, rtc, 1);
	fb_end(&b);
	fb_begin(&b, "rtc@102000");
	fb_str(&b, "compatible", "google,goldfish-rtc");
	fb_reg64(&b, rtc2, 1);
	fb_end(&b);
	fb_end(&b);
	fb_end(&b);
	if (CHECK(accepts(&b, &fi)))
		CHECK_EQ(fi.rtc_base, 0x101000);

	fb_init(&b);
	fb_root(&b, 2, 2);
	fb_end(&b);
	if (CHECK(accepts(&b, &fi)))
		CHECK_EQ(fi.rtc_base, 0);
}

/* Header fields pointing out of the blob, one at a time. */
void
test_fdt_header_bounds(void)
{
	static const struct {
		int field;
		uint32_t value;
		const char *want;
	} cases[] = {
		{ H_OFF_STRUCT, 0xffffffffu, "device tree blocks out of bounds" },
		{ H_SIZE_STRUCT, 0xffffffffu,
		    "device tree blocks out of bounds" },
		{ H_OFF_STRINGS, 0xffffffffu,
		    "device tree blocks out of bounds" },
		{ H_SIZE_STRINGS, 0xffffffffu,
		    "device tree blocks out of bounds" },
		{ H_OFF_RSV, 0xffffffffu,
		    "memory reservation block runs past the end" },
	};
	struct fdtb b;
	size_t len;
	uint8_t *blob;

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		fb_init(&b);
		fb_begin(&b, "");
		fb_end(&b);
		blob = fb_finish(&b, &len);
		put32(blob + cases[i].field, cases[i].value);
		CHECK(rejects(blob, len, cases[i].want));
	}

	/* A reservation block that never ends before the blob does. */
	fb_init(&b);
	fb_begin(&b, "");
	fb_end(&b);
	blob = fb_finish(&b, &len);
	put32(blob + H_OFF_RSV, (uint32_t)len - 8);
	memset(blob + len - 8, 0xff, 8);
	CHECK(rejects(blob, len, "memory reservation block runs past the end"));
}

/*
 * Regression (fixed): begin_node() checks that a node name's NUL lies inside the
 * structure block, then skips the name's padding without checking that the
 * padding does too.  When size_dt_struct is not a multiple of 4 and the
 * block ends inside that padding, `pos` passes `end`, `end - pos` wraps
 * around in walk_structure(), and the walk reads past the blob.
 *
 * Input (61 bytes): header, empty /memreserve/ block, then a structure
 * block of 5 bytes, FDT_BEGIN_NODE and the root's empty name "\0";
 * size_dt_strings 0.  ASan: heap-buffer-overflow in be32() called from
 * walk_structure(), reading offset 64 of the 61-byte blob.  Expected: an
 * error such as "structure block has no end token".
 */
void
test_fdt_regression_name_pad(void)
{
	struct fdtb b;
	struct fdt_info fi;
	size_t len;
	uint8_t *blob;

	fb_init(&b);
	fb_u32(&b, TOK_BEGIN);
	b.st[b.stlen++] = '\0';	/* the name, unpadded */
	blob = fb_blob(&b, &len);
	CHECK_EQ(len, 61);
	CHECK(fdt_parse(blob, len, &fi) != NULL);
	free(blob);
}
