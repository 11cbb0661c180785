/*
 * Processes' pure parts: Linux's wait statuses (checked against the
 * macros of <sys/wait.h> on the host, which decode them) and "#!" lines
 * as Linux's binfmt_script reads them.
 */
#include <string.h>
#include <sys/wait.h>

#include "linux/wstatus.h"
#include "loader/script.h"
#include "nexus/abi.h"
#include "test.h"

void
test_wait_status(void)
{
	int st = linux_wait_status(NX_WAIT_EXITED, 3, 0);
	int code, value;

	CHECK(WIFEXITED(st));
	CHECK_EQ(WEXITSTATUS(st), 3);
	st = linux_wait_status(NX_WAIT_EXITED, 0x1ff, 0);	/* 8 bits kept */
	CHECK_EQ(WEXITSTATUS(st), 0xff);
	st = linux_wait_status(NX_WAIT_KILLED, 128 + 15, 0);
	CHECK(WIFSIGNALED(st));
	CHECK_EQ(WTERMSIG(st), 15);
	/* A kill that names no signal is Ctrl-C's. */
	st = linux_wait_status(NX_WAIT_KILLED, 0, 0);
	CHECK(WIFSIGNALED(st));
	CHECK_EQ(WTERMSIG(st), 2);
	/* Faults by cause, as Linux's riscv traps.c sends them. */
	CHECK_EQ(WTERMSIG(linux_wait_status(NX_WAIT_FAULTED, 0, 15)), 11);
	CHECK_EQ(WTERMSIG(linux_wait_status(NX_WAIT_FAULTED, 0, 13)), 11);
	CHECK_EQ(WTERMSIG(linux_wait_status(NX_WAIT_FAULTED, 0, 5)), 11);
	CHECK_EQ(WTERMSIG(linux_wait_status(NX_WAIT_FAULTED, 0, 2)), 4);
	CHECK_EQ(WTERMSIG(linux_wait_status(NX_WAIT_FAULTED, 0, 3)), 5);
	CHECK_EQ(WTERMSIG(linux_wait_status(NX_WAIT_FAULTED, 0, 6)), 7);
	CHECK_EQ(WTERMSIG(linux_wait_status(NX_WAIT_FAULTED, 0, 0)), 7);
	st = linux_stop_status(20);
	CHECK(WIFSTOPPED(st));
	CHECK(!WIFSIGNALED(st) && !WIFEXITED(st));
	CHECK_EQ(WSTOPSIG(st), 20);
	CHECK(WIFCONTINUED(LINUX_WCONTINUED_STATUS));
	CHECK(!WIFSTOPPED(LINUX_WCONTINUED_STATUS));
	linux_wait_code(NX_WAIT_EXITED, 42, 0, &code, &value);
	CHECK_EQ(code, LINUX_CLD_EXITED);
	CHECK_EQ(value, 42);
	linux_wait_code(NX_WAIT_FAULTED, 0, 15, &code, &value);
	CHECK_EQ(code, LINUX_CLD_KILLED);
	CHECK_EQ(value, 11);
}

static int
parse(const char *text, char *interp, char *arg)
{
	const char *why = NULL;
	int r = script_parse(text, strlen(text), interp, arg, &why);

	CHECK(r >= 0 || why != NULL);
	return r;
}

void
test_script_lines(void)
{
	char interp[SCRIPT_LINE_MAX], arg[SCRIPT_LINE_MAX], line[400];

	CHECK_EQ(parse("\x7f" "ELF", interp, arg), 1);
	CHECK_EQ(parse("#", interp, arg), 1);
	CHECK_EQ(parse("#!/bin/sh\necho hi\n", interp, arg), 0);
	CHECK_STREQ(interp, "/bin/sh");
	CHECK_STREQ(arg, "");
	/* Blanks around the path; the argument is the rest of the line,
	 * inner blanks kept, trailing ones dropped. */
	CHECK_EQ(parse("#! \t/usr/bin/env  lua -e x \t\nmore", interp, arg),
	    0);
	CHECK_STREQ(interp, "/usr/bin/env");
	CHECK_STREQ(arg, "lua -e x");
	CHECK_EQ(parse("#!/bin/awk -f", interp, arg), 0);	/* no newline */
	CHECK_STREQ(interp, "/bin/awk");
	CHECK_STREQ(arg, "-f");
	CHECK_EQ(parse("#!\n", interp, arg), NX_ENOEXEC);
	CHECK_EQ(parse("#!   \t\n/bin/sh\n", interp, arg), NX_ENOEXEC);
	/* A line longer than the limit may have lost its end: refused. */
	memset(line, 'a', sizeof(line));
	memcpy(line, "#!/", 3);
	line[sizeof(line) - 1] = '\0';
	CHECK_EQ(parse(line, interp, arg), NX_ENOEXEC);
	line[SCRIPT_LINE_MAX - 1] = '\n';
	CHECK_EQ(parse(line, interp, arg), 0);
	CHECK_EQ(strlen(interp), SCRIPT_LINE_MAX - 3);
}
