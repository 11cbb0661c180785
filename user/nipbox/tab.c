/*
 * Tab completion: a command word from the builtins and /bin, anything
 * else (or a command word with a '/') from the directory it names.  One
 * match is completed whole (with '/' after a directory, ' ' after
 * anything else); several are completed as far as they agree, and listed
 * when they agree no further.  Quotes and backslashes in the word are
 * taken literally.
 */
#include <string.h>

#include "nipbox.h"
#include "sort.h"

static struct matcher m;	/* 4 KiB of names: not on the stack */

/* Offers every entry of directory `dir`. */
static void
offer_dir(const char *dir)
{
	NxDirent d;
	long fd = nx_open(dir, NX_O_RDONLY | NX_O_DIRECTORY);

	if (fd < 0)
		return;
	while (nx_readdir(fd, &d) == 1) {
		int isdir = d.type == NX_DT_DIR;

		/* A link to a directory completes as one. */
		if (d.type == NX_DT_SYMLINK) {
			char path[NX_PATH_MAX];
			NxStat st;
			size_t l = strlen(dir);

			if (l + 1 + strlen(d.name) < sizeof(path)) {
				strcpy(path, dir);
				strcpy(path + l, "/");
				strcpy(path + l + 1, d.name);
				isdir = nx_stat(path, &st) == 0 &&
				    st.type == NX_DT_DIR;
			}
		}
		cm_offer(&m, d.name, isdir);
	}
	nx_close(fd);
}

/* Offers what `word` (of `len` bytes) may complete to. */
static void
gather(const char *word, size_t len, int command)
{
	char dir[NX_PATH_MAX];
	const char *slash = NULL;

	for (size_t i = 0; i < len; i++) {
		if (word[i] == '/')
			slash = word + i;
	}
	if (command && !slash) {
		cm_start(&m, word, len);
		offer_builtins(&m);
		offer_dir("/bin");
		return;
	}
	if (!slash) {
		cm_start(&m, word, len);
		offer_dir(".");
		return;
	}
	/* "a/b/c": the names in a/b that start with c; "/c": in /. */
	if ((size_t)(slash - word) + 2 > sizeof(dir)) {
		cm_start(&m, slash + 1, 0);
		return;
	}
	memcpy(dir, word, (size_t)(slash - word));
	dir[slash - word] = '\0';
	if (slash == word)
		strcpy(dir, "/");
	cm_start(&m, slash + 1, len - (size_t)(slash + 1 - word));
	offer_dir(dir);
}

static int
by_name(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* Lists the matches under the line, then draws the line again. */
static void
list(struct editor *e, const char *prompt)
{
	nb_sort(m.names, m.kept, sizeof(m.names[0]), by_name);
	nx_print("\n");
	for (unsigned i = 0; i < m.kept; i++)
		nx_printf("%s%s", i ? "  " : "", m.names[i]);
	nx_print(m.dropped ? "  ...\n" : "\n");
	ed_redraw(e, prompt);
}

void
tab_complete(struct editor *e, const char *prompt)
{
	size_t start = cm_word_start(e->buf, e->cur);
	char add[CM_NAME_MAX + 1];
	size_t n;

	gather(e->buf + start, e->cur - start,
	    cm_is_command(e->buf, start));
	n = cm_result(&m, add, sizeof(add));
	if (m.n == 0) {
		nx_print("\a");
		return;
	}
	if (n > 0) {
		if (ed_insert(e, add, n) != 0)
			nx_print("\a");
		return;
	}
	list(e, prompt);
}
