#include <string.h>

#include "nexus/abi.h"
#include "tar.h"

#define BLOCK 512

static int
parse_octal(const uint8_t *f, size_t n, uint64_t *v)
{
	size_t i = 0;

	*v = 0;
	while (i < n && f[i] == ' ')
		i++;
	for (; i < n && f[i] >= '0' && f[i] <= '7'; i++) {
		if (*v >> 61)
			return -1;
		*v = *v << 3 | (uint64_t)(f[i] - '0');
	}
	for (; i < n; i++) {
		if (f[i] != ' ' && f[i] != '\0')
			return -1;
	}
	return 0;
}

static int
checksum_ok(const uint8_t *h)
{
	uint64_t want, sum = 0;

	if (parse_octal(h + 148, 8, &want) != 0)
		return 0;
	for (int i = 0; i < BLOCK; i++)
		sum += (i >= 148 && i < 156) ? ' ' : h[i];
	return sum == want;
}

static int
all_zero(const uint8_t *h)
{
	for (int i = 0; i < BLOCK; i++) {
		if (h[i])
			return 0;
	}
	return 1;
}

/* Copies at most `n` bytes of a field that may lack its NUL. */
static size_t
copy_field(char *dst, const uint8_t *src, size_t n)
{
	size_t l = strnlen((const char *)src, n);

	memcpy(dst, src, l);
	dst[l] = '\0';
	return l;
}

static void
entry_name(const uint8_t *h, char *name)
{
	size_t l = 0;
	char raw[155 + 1 + 100 + 1];
	const char *p = raw;

	if (memcmp(h + 257, "ustar", 5) == 0 && h[345]) {
		l = copy_field(raw, h + 345, 155);
		raw[l++] = '/';
	}
	copy_field(raw + l, h, 100);
	while (p[0] == '.' && p[1] == '/')
		p += 2;
	while (*p == '/')
		p++;
	strcpy(name, p);
}

enum tar_status
tar_walk(const uint8_t *img, size_t len, tar_visit_fn visit, void *ctx,
    size_t *bad_offset)
{
	size_t off = 0;

	while (len - off >= BLOCK) {
		const uint8_t *h = img + off;
		struct tar_entry e;
		uint64_t size;

		if (all_zero(h))
			return TAR_END;
		if (!checksum_ok(h) || parse_octal(h + 124, 12, &size) != 0 ||
		    size > len - off - BLOCK) {
			if (bad_offset)
				*bad_offset = off;
			return TAR_CORRUPT;
		}
		entry_name(h, e.name);
		e.type = h[156] ? (char)h[156] : '0';
		e.data = h + BLOCK;
		e.size = size;
		if (visit(ctx, &e))
			return TAR_STOPPED;
		off += BLOCK + ((size + BLOCK - 1) & ~(uint64_t)(BLOCK - 1));
		if (off > len)
			break;
	}
	return TAR_END;
}

struct find {
	const char *path;
	struct tar_entry *out;
};

static int
find_visit(void *ctx, const struct tar_entry *e)
{
	struct find *f = ctx;

	if (strcmp(e->name, f->path) != 0 || (e->type != '0' && e->type != '7'))
		return 0;
	*f->out = *e;
	return 1;
}

int
tar_find(const uint8_t *img, size_t len, const char *path,
    struct tar_entry *out)
{
	struct find f = { path, out };

	for (;;) {
		if (path[0] == '/')
			path++;
		else if (path[0] == '.' && path[1] == '/')
			path += 2;
		else
			break;
	}
	f.path = path;
	if (tar_walk(img, len, find_visit, &f, NULL) == TAR_STOPPED)
		return 0;
	return NX_ENOENT;
}
