/* grep's matcher (user/programs/grep_match.h): the pattern language, case
 * folding, fixed strings, bad patterns, and a pattern that would take a
 * backtracking matcher exponential time. */
#include <string.h>

#include "test.h"
#include "user/programs/grep_match.h"

static struct gm_pattern pat;

/* 1 match, 0 none, -1 bad pattern. */
static int
m(const char *pattern, const char *line, int fixed, int icase)
{
	const char *err = NULL;

	if (gm_compile(&pat, pattern, fixed, icase, &err) != 0)
		return -1;
	return gm_match(&pat, line, strlen(line));
}

static void
check(const char *pattern, const char *line, int want)
{
	test_note("pattern \"%s\" line \"%s\"", pattern, line);
	CHECK_EQ(m(pattern, line, 0, 0), want);
}

void
test_grep_match(void)
{
	check("", "", 1);
	check("", "abc", 1);
	check("b", "abc", 1);
	check("bd", "abc", 0);
	check("a.c", "xabcx", 1);
	check("a.c", "ac", 0);
	check("^ab", "abc", 1);
	check("^bc", "abc", 0);
	check("bc$", "abc", 1);
	check("ab$", "abc", 0);
	check("^abc$", "abc", 1);
	check("^$", "", 1);
	check("^$", "x", 0);
	check("ab*c", "ac", 1);
	check("ab*c", "abbbc", 1);
	check("ab*c", "abxc", 0);
	check("^a*$", "aaaa", 1);
	check("^a*$", "aaba", 0);
	check(".*", "", 1);
	check("^.*x.*$", "---x---", 1);
	check("*a", "x*a", 1);		/* a leading '*' is itself */
	check("*a", "xa", 0);
	check("^*", "*", 1);
	check("a**", "b", 1);
	check("[abc]", "xxbxx", 1);
	check("[abc]", "xyz", 0);
	check("[^abc]", "abc", 0);
	check("[^abc]", "abcd", 1);
	check("^[a-c]*$", "abcabc", 1);
	check("^[a-c]*$", "abcd", 0);
	check("[]x]", "]", 1);
	check("[^]]", "]", 0);
	check("[a-]", "-", 1);
	check("a\\.c", "abc", 0);
	check("a\\.c", "a.c", 1);
	check("\\*", "*", 1);
	check("x$y", "x$y", 1);		/* '$' inside stands for itself */
	check("a^", "a^", 1);
	CHECK_EQ(m("[abc", "a", 0, 0), -1);
	CHECK_EQ(m("[z-a]", "a", 0, 0), -1);
	CHECK_EQ(m("ab\\", "a", 0, 0), -1);

	/* -F: every byte itself; -i: either case. */
	CHECK_EQ(m("a.c", "abc", 1, 0), 0);
	CHECK_EQ(m("a.c", "xa.cx", 1, 0), 1);
	CHECK_EQ(m("^[x]*$", "^[x]*$", 1, 0), 1);
	CHECK_EQ(m("HeLLo", "say hello", 0, 1), 1);
	CHECK_EQ(m("HeLLo", "say hello", 0, 0), 0);
	CHECK_EQ(m("[A-C]x", "bX", 0, 1), 1);
	CHECK_EQ(m("[^a]", "A", 0, 1), 0);
	CHECK_EQ(m("ABC", "xabcx", 1, 1), 1);
}

void
test_grep_limits(void)
{
	char big[GM_MAX + 2], line[4001];

	memset(big, 'a', sizeof(big));
	big[GM_MAX] = '\0';
	CHECK_EQ(m(big, big, 0, 0), 1);
	big[GM_MAX] = 'a';
	big[GM_MAX + 1] = '\0';
	CHECK_EQ(m(big, big, 0, 0), -1);
	/* Thirty stars against a long line that does not match: states, not
	 * backtracking, so this ends at once. */
	memset(line, 'a', sizeof(line) - 1);
	line[sizeof(line) - 1] = '\0';
	CHECK_EQ(m("a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*"
	    "a*a*b", line, 0, 0), 0);
	CHECK_EQ(m("a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*"
	    "a*a*$", line, 0, 0), 1);
}
