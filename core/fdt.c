#include <string.h>

#include "fdt.h"

#define FDT_MAGIC	0xd00dfeedu
#define FDT_BEGIN_NODE	1
#define FDT_END_NODE	2
#define FDT_PROP	3
#define FDT_NOP		4
#define FDT_END		9
#define MAX_DEPTH	16

/* What one node on the walk's stack has told so far. */
struct node {
	const char *name;
	const uint8_t *reg;
	uint32_t reg_len;
	const char *compat;
	uint32_t compat_len;
	const uint8_t *irqs;
	uint32_t irqs_len;
	int is_memory;
	uint32_t addr_cells;	/* #address-cells for this node's children */
	uint32_t size_cells;
};

struct walk {
	const uint8_t *blob;
	size_t size;
	const char *strings;
	uint32_t strings_size;
	struct fdt_info *out;
	struct node stack[MAX_DEPTH];
	int depth;		/* index of the current node, -1 outside */
};

static uint32_t
be32(const uint8_t *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 |
	    (uint32_t)p[2] << 8 | p[3];
}

/* Reads a 1- or 2-cell big-endian number of `len` bytes. */
static int
read_cells(const uint8_t *p, uint32_t cells, uint64_t *v)
{
	if (cells == 1) {
		*v = be32(p);
		return 0;
	}
	if (cells == 2) {
		*v = (uint64_t)be32(p) << 32 | be32(p + 4);
		return 0;
	}
	return -1;
}

uint32_t
fdt_total_size(const void *blob, size_t avail)
{
	const uint8_t *b = blob;

	if (avail < 40 || be32(b) != FDT_MAGIC)
		return 0;
	return be32(b + 4);
}

static int
compat_has(const struct node *n, const char *want)
{
	uint32_t i = 0;
	size_t wl = strlen(want);

	while (i < n->compat_len) {
		const char *s = n->compat + i;
		size_t l = strnlen(s, n->compat_len - i);

		if (l == wl && memcmp(s, want, wl) == 0)
			return 1;
		i += (uint32_t)l + 1;
	}
	return 0;
}

static int
name_is(const char *name, const char *base)
{
	size_t l = strlen(base);

	return strncmp(name, base, l) == 0 && (name[l] == '\0' ||
	    name[l] == '@');
}

static void
add_range(struct fdt_range *r, int *n, uint64_t base, uint64_t size)
{
	if (*n >= FDT_MAX_RANGES || size == 0)
		return;
	r[*n].base = base;
	r[*n].size = size;
	(*n)++;
}

/* Adds every (address, size) pair of `nd`'s reg to a range list. */
static const char *
add_reg_ranges(const struct node *parent, const struct node *nd,
    struct fdt_range *r, int *n)
{
	uint32_t ac = parent->addr_cells, sc = parent->size_cells;
	uint32_t entry = (ac + sc) * 4;

	if (ac < 1 || ac > 2 || sc < 1 || sc > 2)
		return "unsupported #address-cells/#size-cells";
	for (uint32_t off = 0; off + entry <= nd->reg_len; off += entry) {
		uint64_t base, size;

		read_cells(nd->reg + off, ac, &base);
		read_cells(nd->reg + off + ac * 4, sc, &size);
		add_range(r, n, base, size);
	}
	return NULL;
}

static uint64_t
first_reg(const struct node *parent, const struct node *nd)
{
	uint64_t base = 0;

	if (parent->addr_cells >= 1 && parent->addr_cells <= 2 &&
	    nd->reg_len >= parent->addr_cells * 4)
		read_cells(nd->reg, parent->addr_cells, &base);
	return base;
}

/* Called when a node closes: everything about it is known now. */
static const char *
finish_node(struct walk *w)
{
	struct node *nd = &w->stack[w->depth];
	struct node *parent;
	struct fdt_info *o = w->out;

	if (w->depth == 0)
		return NULL;
	parent = &w->stack[w->depth - 1];
	if (w->depth == 1 && nd->reg && (nd->is_memory ||
	    name_is(nd->name, "memory")))
		return add_reg_ranges(parent, nd, o->mem, &o->nmem);
	if (w->depth == 2 && nd->reg &&
	    name_is(parent->name, "reserved-memory"))
		return add_reg_ranges(parent, nd, o->reserved, &o->nreserved);
	if (!o->uart_base && (compat_has(nd, "ns16550a") ||
	    compat_has(nd, "ns16550"))) {
		o->uart_base = first_reg(parent, nd);
		if (nd->irqs_len >= 4)
			o->uart_irq = be32(nd->irqs);
	}
	if (!o->plic_base && (compat_has(nd, "sifive,plic-1.0.0") ||
	    compat_has(nd, "riscv,plic0")))
		o->plic_base = first_reg(parent, nd);
	if (!o->test_base && compat_has(nd, "sifive,test0"))
		o->test_base = first_reg(parent, nd);
	if (!o->rtc_base && compat_has(nd, "google,goldfish-rtc"))
		o->rtc_base = first_reg(parent, nd);
	return NULL;
}

static const char *
chosen_prop(struct walk *w, const char *name, const uint8_t *val,
    uint32_t len)
{
	struct fdt_info *o = w->out;
	uint64_t v;

	if (strcmp(name, "bootargs") == 0) {
		if (len == 0 || val[len - 1] != '\0')
			return "bootargs is not a string";
		o->bootargs = (const char *)val;
	} else if (strcmp(name, "rng-seed") == 0) {
		o->rng_seed = val;
		o->rng_seed_len = len;
	} else if (strcmp(name, "linux,initrd-start") == 0 ||
	    strcmp(name, "linux,initrd-end") == 0) {
		/* QEMU writes one cell, others two: the length tells. */
		if (read_cells(val, len / 4, &v) != 0 || len % 4)
			return "bad linux,initrd-* property";
		if (name[13] == 's')
			o->initrd_start = v;
		else
			o->initrd_end = v;
		o->has_initrd = 1;
	}
	return NULL;
}

/* The first cpu's ISA; harts of one machine are alike here. */
static const char *
cpu_prop(struct walk *w, const char *name, const uint8_t *val, uint32_t len)
{
	struct fdt_info *o = w->out;

	if (strcmp(name, "riscv,isa") == 0 && !o->isa) {
		if (len == 0 || val[len - 1] != '\0')
			return "riscv,isa is not a string";
		o->isa = (const char *)val;
	} else if (strcmp(name, "riscv,isa-extensions") == 0 && !o->isa_ext) {
		if (len == 0 || val[len - 1] != '\0')
			return "riscv,isa-extensions is not a string list";
		o->isa_ext = (const char *)val;
		o->isa_ext_len = len;
	}
	return NULL;
}

static const char *
prop(struct walk *w, const char *name, const uint8_t *val, uint32_t len)
{
	struct node *nd = &w->stack[w->depth];
	uint64_t v;

	if (strcmp(name, "reg") == 0) {
		nd->reg = val;
		nd->reg_len = len;
	} else if (strcmp(name, "compatible") == 0) {
		nd->compat = (const char *)val;
		nd->compat_len = len;
	} else if (strcmp(name, "interrupts") == 0) {
		nd->irqs = val;
		nd->irqs_len = len;
	} else if (strcmp(name, "device_type") == 0) {
		nd->is_memory = len == 7 && memcmp(val, "memory", 7) == 0;
	} else if (strcmp(name, "#address-cells") == 0 && len == 4) {
		nd->addr_cells = be32(val);
	} else if (strcmp(name, "#size-cells") == 0 && len == 4) {
		nd->size_cells = be32(val);
	} else if (strcmp(name, "timebase-frequency") == 0 && w->depth == 1 &&
	    name_is(nd->name, "cpus")) {
		if (read_cells(val, len / 4, &v) != 0 || len % 4)
			return "bad timebase-frequency";
		w->out->timebase_hz = v;
	}
	if (w->depth == 2 && name_is(w->stack[1].name, "cpus") &&
	    name_is(nd->name, "cpu"))
		return cpu_prop(w, name, val, len);
	if (w->depth == 1 && strcmp(nd->name, "chosen") == 0)
		return chosen_prop(w, name, val, len);
	return NULL;
}

static const char *
begin_node(struct walk *w, uint32_t *pos, uint32_t end)
{
	const char *name = (const char *)w->blob + *pos;
	size_t l = strnlen(name, end - *pos);
	struct node *nd;

	if (*pos + l >= end)
		return "unterminated node name";
	if (w->depth + 1 >= MAX_DEPTH)
		return "nodes nested too deeply";
	*pos += ((uint32_t)l + 1 + 3) & ~3u;
	if (*pos > end)
		return "node name padding runs past the structure block";
	nd = &w->stack[++w->depth];
	memset(nd, 0, sizeof(*nd));
	nd->name = name;
	nd->addr_cells = 2;	/* the spec's defaults */
	nd->size_cells = 1;
	return NULL;
}

static const char *
read_prop(struct walk *w, uint32_t *pos, uint32_t end)
{
	uint32_t len, nameoff;
	const char *name;
	const uint8_t *val;

	if (w->depth < 0)
		return "property outside any node";
	if (end - *pos < 8)
		return "truncated property";
	len = be32(w->blob + *pos);
	nameoff = be32(w->blob + *pos + 4);
	*pos += 8;
	if (len > end - *pos)
		return "property runs past the structure block";
	if (nameoff >= w->strings_size ||
	    strnlen(w->strings + nameoff, w->strings_size - nameoff) ==
	    w->strings_size - nameoff)
		return "bad property name offset";
	name = w->strings + nameoff;
	val = w->blob + *pos;
	*pos = (*pos + len + 3) & ~3u;
	if (*pos > end)
		*pos = end;
	return prop(w, name, val, len);
}

static const char *
walk_structure(struct walk *w, uint32_t pos, uint32_t end)
{
	const char *err;

	while (end - pos >= 4) {
		uint32_t tok = be32(w->blob + pos);

		pos += 4;
		switch (tok) {
		case FDT_BEGIN_NODE:
			err = begin_node(w, &pos, end);
			break;
		case FDT_END_NODE:
			if (w->depth < 0)
				return "unbalanced end of node";
			err = finish_node(w);
			w->depth--;
			break;
		case FDT_PROP:
			err = read_prop(w, &pos, end);
			break;
		case FDT_NOP:
			err = NULL;
			break;
		case FDT_END:
			return w->depth == -1 ? NULL : "unclosed node at end";
		default:
			return "unknown structure token";
		}
		if (err)
			return err;
	}
	return "structure block has no end token";
}

static const char *
read_memreserve(struct walk *w, uint32_t off)
{
	for (;;) {
		uint64_t base, size;

		if (off > w->size || w->size - off < 16)
			return "memory reservation block runs past the end";
		read_cells(w->blob + off, 2, &base);
		read_cells(w->blob + off + 8, 2, &size);
		if (base == 0 && size == 0)
			return NULL;
		add_range(w->out->reserved, &w->out->nreserved, base, size);
		off += 16;
	}
}

const char *
fdt_parse(const void *blob, size_t size, struct fdt_info *out)
{
	struct walk w;
	uint32_t total, off_struct, off_strings, off_rsv, size_struct;
	const char *err;

	memset(out, 0, sizeof(*out));
	total = fdt_total_size(blob, size);
	if (total == 0)
		return "not a device tree (bad magic)";
	if (total > size || total < 40)
		return "device tree size is wrong";
	w.blob = blob;
	w.size = total;
	w.out = out;
	w.depth = -1;
	out->total_size = total;
	off_struct = be32(w.blob + 8);
	off_strings = be32(w.blob + 12);
	off_rsv = be32(w.blob + 16);
	if (be32(w.blob + 20) < 17)
		return "device tree version too old";
	w.strings_size = be32(w.blob + 32);
	size_struct = be32(w.blob + 36);
	if (off_struct > total || size_struct > total - off_struct ||
	    off_strings > total || w.strings_size > total - off_strings)
		return "device tree blocks out of bounds";
	w.strings = (const char *)w.blob + off_strings;
	err = read_memreserve(&w, off_rsv);
	if (err)
		return err;
	return walk_structure(&w, off_struct, off_struct + size_struct);
}

/* `s` of `len` bytes holds `ext` as a whole `sep`-separated word. */
static int
has_word_in(const char *s, size_t len, char sep, const char *ext)
{
	size_t n = strlen(ext);

	for (size_t i = 0; i < len;) {
		size_t end = i;

		while (end < len && s[end] != sep && s[end] != '\0')
			end++;
		if (end - i == n && strncmp(s + i, ext, n) == 0)
			return 1;
		i = end + 1;
	}
	return 0;
}

int
fdt_isa_has(const struct fdt_info *o, const char *ext)
{
	if (o->isa_ext &&
	    has_word_in(o->isa_ext, o->isa_ext_len, '\0', ext))
		return 1;
	/* "rv64imafdc_zicsr_zbb": single letters first, then _words. */
	return o->isa && has_word_in(o->isa, strlen(o->isa), '_', ext);
}
