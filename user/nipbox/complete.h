/*
 * Tab completion for NipBox, the pure part: which word the cursor ends,
 * and what the names offered for it have in common.  The caller offers
 * names (builtins, /bin, a directory's entries); the matcher keeps those
 * that start with the word, their longest common start, and up to
 * CM_KEEP of them to list.
 */
#ifndef NIPBOX_COMPLETE_H
#define NIPBOX_COMPLETE_H

#include <stddef.h>

#define CM_NAME_MAX	256	/* a name and its NUL */
#define CM_KEEP		64	/* matches kept for listing */
#define CM_POOL		4096	/* bytes for their names */

struct matcher {
	const char *prefix;		/* what the names must start with */
	size_t plen;
	unsigned n;			/* different matches */
	int dir;			/* the first match is a directory */
	char common[CM_NAME_MAX];	/* their longest common start */
	size_t clen;
	unsigned kept;			/* matches in `names` */
	int dropped;			/* matches there was no room for */
	const char *names[CM_KEEP];
	char pool[CM_POOL];
	size_t used;
};

/* Where the word ending at `cur` starts: after the last blank before. */
size_t cm_word_start(const char *line, size_t cur);

/* Whether the word starting at `start` is the command (only blanks come
 * before it). */
int cm_is_command(const char *line, size_t start);

void cm_start(struct matcher *m, const char *prefix, size_t plen);

/* Offers a name (a directory's when `dir`); a match is counted once. */
void cm_offer(struct matcher *m, const char *name, int dir);

/*
 * What Tab inserts: the rest of the common start, then '/' after the only
 * match when it is a directory or ' ' when it is not.  Writes it to `out`
 * (NUL-terminated) and returns its length.
 */
size_t cm_result(const struct matcher *m, char *out, size_t size);

#endif
