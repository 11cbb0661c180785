/* "#!" lines; see script.h. */
#include <string.h>

#include "nexus/abi.h"
#include "loader/script.h"

static int
blank(char c)
{
	return c == ' ' || c == '\t';
}

int
script_parse(const char *buf, size_t n, char *interp, char *arg,
    const char **why)
{
	size_t i = 2, end, start;

	if (n < 2 || buf[0] != '#' || buf[1] != '!')
		return 1;
	if (n > SCRIPT_LINE_MAX)
		n = SCRIPT_LINE_MAX;
	for (end = i; end < n && buf[end] != '\n' && buf[end]; end++)
		;
	/* A line cut by the limit may have lost part of its path. */
	if (end == n && n == SCRIPT_LINE_MAX) {
		*why = "its #! line is too long";
		return NX_ENOEXEC;
	}
	while (end > i && blank(buf[end - 1]))
		end--;
	while (i < end && blank(buf[i]))
		i++;
	for (start = i; i < end && !blank(buf[i]); i++)
		;
	if (i == start) {
		*why = "its #! line names no interpreter";
		return NX_ENOEXEC;
	}
	memcpy(interp, buf + start, i - start);
	interp[i - start] = '\0';
	while (i < end && blank(buf[i]))
		i++;
	memcpy(arg, buf + i, end - i);
	arg[end - i] = '\0';
	return 0;
}
