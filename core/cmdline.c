#include <string.h>

#include "cmdline.h"

/* Whether a word starting with `key` begins at `p`. */
static int
word_at(const char *args, const char *p, const char *key, size_t l)
{
	return (p == args || p[-1] == ' ') && strncmp(p, key, l) == 0;
}

int
cmdline_has(const char *args, const char *word)
{
	size_t l = strlen(word);

	for (const char *p = args; p && *p; p++) {
		if (word_at(args, p, word, l) && (p[l] == '\0' || p[l] == ' '))
			return 1;
	}
	return 0;
}

long
cmdline_value(const char *args, const char *key, char *buf, size_t size)
{
	size_t l = strlen(key);
	const char *found = NULL;
	size_t n;

	for (const char *p = args; p && *p; p++) {
		if (word_at(args, p, key, l))
			found = p + l;
	}
	if (!found)
		return -1;
	for (n = 0; found[n] && found[n] != ' '; n++)
		;
	if (n >= size)
		return -2;
	memcpy(buf, found, n);
	buf[n] = '\0';
	return (long)n;
}
