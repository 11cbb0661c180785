/* Tab completion, the pure part; see complete.h. */
#include <string.h>

#include "complete.h"

static int
blank(char c)
{
	return c == ' ' || c == '\t';
}

size_t
cm_word_start(const char *line, size_t cur)
{
	while (cur > 0 && !blank(line[cur - 1]))
		cur--;
	return cur;
}

int
cm_is_command(const char *line, size_t start)
{
	for (size_t i = 0; i < start; i++) {
		if (!blank(line[i]))
			return 0;
	}
	return 1;
}

void
cm_start(struct matcher *m, const char *prefix, size_t plen)
{
	memset(m, 0, sizeof(*m));
	m->prefix = prefix;
	m->plen = plen;
}

static int
known(const struct matcher *m, const char *name)
{
	for (unsigned i = 0; i < m->kept; i++) {
		if (strcmp(m->names[i], name) == 0)
			return 1;
	}
	return 0;
}

/* Keeps a copy of `name` for listing, if there is room. */
static void
keep(struct matcher *m, const char *name, size_t len)
{
	if (m->kept == CM_KEEP || len + 1 > CM_POOL - m->used) {
		m->dropped = 1;
		return;
	}
	memcpy(m->pool + m->used, name, len + 1);
	m->names[m->kept++] = m->pool + m->used;
	m->used += len + 1;
}

void
cm_offer(struct matcher *m, const char *name, int dir)
{
	size_t len = strlen(name), i;

	if (len < m->plen || memcmp(name, m->prefix, m->plen) != 0)
		return;
	/* Hidden names only when asked for, as other shells do. */
	if (name[0] == '.' && (m->plen == 0 || m->prefix[0] != '.'))
		return;
	if (len >= CM_NAME_MAX || known(m, name))
		return;
	keep(m, name, len);
	if (m->n++ == 0) {
		memcpy(m->common, name, len + 1);
		m->clen = len;
		m->dir = dir;
		return;
	}
	for (i = 0; i < m->clen && m->common[i] == name[i]; i++)
		;
	m->clen = i;
	m->common[i] = '\0';
}

size_t
cm_result(const struct matcher *m, char *out, size_t size)
{
	size_t n = 0;

	if (size == 0)
		return 0;
	if (m->n > 0 && m->clen > m->plen) {
		n = m->clen - m->plen;
		if (n > size - 1)
			n = size - 1;
		memcpy(out, m->common + m->plen, n);
	}
	if (m->n == 1 && n + 1 < size)
		out[n++] = m->dir ? '/' : ' ';
	out[n] = '\0';
	return n;
}
