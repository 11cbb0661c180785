/*
 * Close-on-exec across an exec that replaces the program.  Without
 * arguments: opens /etc/motd twice, the second close-on-exec, tries an
 * exec that fails (both stay open), then replaces itself with
 * "cloexec KEPT CLOSED", which reports what it still has open.
 */
#include "libnexus.h"

static long
number(const char *s)
{
	long n = 0;

	while (*s >= '0' && *s <= '9')
		n = n * 10 + (*s++ - '0');
	return n;
}

static const char *
state(long fd)
{
	NxStat st;

	return nx_fstat(fd, &st) == 0 ? "open" : "closed";
}

int
main(int argc, char **argv)
{
	char kept[8], closed[8];
	char *args[] = { "cloexec", kept, closed, NULL };
	long a, b, r;

	if (argc == 3) {
		a = number(argv[1]);
		b = number(argv[2]);
		nx_printf("cloexec: after exec: %ld %s, %ld %s\n", a, state(a),
		    b, state(b));
		return 0;
	}
	a = nx_open("/etc/motd", NX_O_RDONLY);
	b = nx_open("/etc/motd", NX_O_RDONLY | NX_O_CLOEXEC);
	nx_printf("cloexec: flags %ld %ld\n", nx_fdctl(a, NX_FD_GETFD, 0),
	    nx_fdctl(b, NX_FD_GETFD, 0));
	r = nx_exec("/bin/nope", args, NULL, NX_EXEC_REPLACE, NULL, 0);
	nx_printf("cloexec: failed exec (%s): %ld %s, %ld %s\n",
	    nx_strerror(r), a, state(a), b, state(b));
	kept[0] = (char)('0' + a);
	kept[1] = '\0';
	closed[0] = (char)('0' + b);
	closed[1] = '\0';
	r = nx_exec("/bin/cloexec", args, NULL, NX_EXEC_REPLACE, NULL, 0);
	nx_printf("cloexec: exec failed: %s\n", nx_strerror(r));
	return 1;
}
