/*
 * NipBox, the rumpk shell.  An ordinary program of the archive: it reads a
 * line and runs a builtin, or starts /bin/<name> (or a path) as a child and
 * waits for it; `exec` replaces NipBox instead.  `exit` and Ctrl-D end it,
 * and the kernel starts a new NipBox when the last program ends.
 */
#include <string.h>

#include "nipbox.h"
#include "parse.h"

static int cmd_help(int argc, char **argv);
static int cmd_exec(int argc, char **argv);
static int cmd_echo(int argc, char **argv);
static int cmd_exit(int argc, char **argv);
static int cmd_kill(int argc, char **argv);

static int last_status;		/* $? */

/* What every program started from NipBox finds in its environment. */
static char *environment[] = { "PATH=/bin", "HOME=/", "TERM=vt100",
	"SHELL=/bin/nipbox", NULL };

static const struct builtin builtins[] = {
	{ "help", "help", "list the builtins", cmd_help },
	{ "echo", "echo [words...]", "print the words", cmd_echo },
	{ "ls", "ls [-l] [path...]", "list directories (-l: type and size)",
	    cmd_ls },
	{ "cat", "cat file...", "print files", cmd_cat },
	{ "cd", "cd [dir]", "change the current directory", cmd_cd },
	{ "pwd", "pwd", "print the current directory", cmd_pwd },
	{ "exec", "exec prog [args...]", "replace NipBox with a program",
	    cmd_exec },
	{ "ps", "ps", "list the Subjects", cmd_ps },
	{ "kill", "kill id...", "end Subjects: NipBox itself or its children",
	    cmd_kill },
	{ "exit", "exit [status]", "end NipBox (status 0 to 255, else $?)",
	    cmd_exit },
	{ "mem", "mem", "show free memory", cmd_mem },
	{ "ion", "ion", "show ION packet use", cmd_ion },
	{ "audit", "audit [-s ID] [N]", "the last N commands (of Subject ID), chain check",
	    cmd_audit },
	{ "uptime", "uptime", "time since boot", cmd_uptime },
	{ "poweroff", "poweroff", "end the machine", cmd_poweroff },
};

#define NBUILTINS (sizeof(builtins) / sizeof(builtins[0]))

static int
cmd_help(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	nx_print("NipBox builtins:\n");
	for (unsigned i = 0; i < NBUILTINS; i++)
		nx_printf("  %-20s %s\n", builtins[i].usage, builtins[i].help);
	nx_print("Any other word runs /bin/<word>; a path runs that file.\n"
	    "Quote with '...' or \"...\".  Tab completes commands and paths;\n"
	    "Ctrl-D on an empty line ends NipBox.\n");
	return 0;
}

static int
cmd_echo(int argc, char **argv)
{
	for (int i = 1; i < argc; i++)
		nx_printf("%s%s", argv[i], i + 1 < argc ? " " : "");
	nx_print("\n");
	return 0;
}

void
offer_builtins(struct matcher *m)
{
	for (unsigned i = 0; i < NBUILTINS; i++)
		cm_offer(m, builtins[i].name, 0);
}

/* Ends NipBox; when it was the last Subject the kernel starts another. */
static int
cmd_exit(int argc, char **argv)
{
	unsigned long status = (unsigned long)last_status;

	if (argc > 2 || (argc == 2 && nb_number(argv[1], 255, &status))) {
		nx_print("usage: exit [status]   (status 0 to 255)\n");
		return 2;
	}
	nx_exit((int)status);
}

static int
cmd_kill(int argc, char **argv)
{
	int status = 0;

	if (argc < 2) {
		nx_print("usage: kill id...   (ids as ps shows them)\n");
		return 2;
	}
	for (int i = 1; i < argc; i++) {
		unsigned long id;
		long r;

		if (nb_number(argv[i], UINT32_MAX, &id) != 0) {
			nx_printf("kill: %s: not a Subject id\n", argv[i]);
			status = 2;
			continue;
		}
		r = nx_kill((uint32_t)id);
		if (r < 0) {
			complain("kill", argv[i], r);
			status |= 1;
		}
	}
	return status;
}

void
complain(const char *cmd, const char *what, long err)
{
	nx_printf("%s: %s: %s\n", cmd, what, nx_strerror(err));
}

/* Where a command word leads: a path as given, or /bin/<word>. */
static void
program_path(const char *name, char *path, size_t size)
{
	if (strchr(name, '/'))
		strncpy(path, name, size - 1);
	else {
		strcpy(path, "/bin/");
		strncpy(path + 5, name, size - 6);
	}
	path[size - 1] = '\0';
}

static void
exec_failed(const char *name, const char *path, long r, const char *why)
{
	if (r == NX_ENOENT && !strchr(name, '/'))
		nx_printf("nipbox: %s: command not found\n", name);
	else if (r == NX_ENOEXEC)
		nx_printf("exec: %s: %s\n", path, why);
	else
		complain("nipbox", name, r);
}

/* Runs a program as a child and waits for it; its status for $?. */
static int
run_program(char **argv)
{
	char path[NX_PATH_MAX], why[160];
	NxWaitArgs w;
	long id, r;

	program_path(argv[0], path, sizeof(path));
	id = nx_exec(path, argv, environment, 0, why, sizeof(why));
	if (id < 0) {
		exec_failed(argv[0], path, id, why);
		return id == NX_ENOENT ? 127 : 126;
	}
	r = nx_wait((uint32_t)id, &w);
	if (r < 0)
		return 1;
	if (w.how == NX_WAIT_EXITED)
		return w.status & 0xff;
	if (w.how == NX_WAIT_FAULTED)
		return 128 + (int)w.cause;
	return 130;			/* interrupted, as by SIGINT */
}

static int
cmd_exec(int argc, char **argv)
{
	char path[NX_PATH_MAX], why[160];
	long r;

	if (argc < 2) {
		nx_print("usage: exec prog [args...]\n");
		return 2;
	}
	program_path(argv[1], path, sizeof(path));
	r = nx_exec(path, argv + 1, environment, NX_EXEC_REPLACE, why,
	    sizeof(why));
	exec_failed(argv[1], path, r, why);
	return r == NX_ENOENT ? 127 : 126;
}

static int
run_words(int argc, char **argv)
{
	if (!argv[0][0]) {
		nx_print("nipbox: empty command name\n");
		return 127;
	}
	for (unsigned i = 0; i < NBUILTINS; i++) {
		if (strcmp(argv[0], builtins[i].name) == 0)
			return builtins[i].run(argc, argv);
	}
	return run_program(argv);
}

static void
run_line(const char *raw)
{
	char line[LINE_MAX], *argv[MAX_WORDS];
	const char *err;
	int argc;

	if (nb_expand(raw, line, sizeof(line), last_status, &err) != 0) {
		nx_printf("nipbox: line too long after $? (at most %d "
		    "characters)\n", LINE_MAX - 1);
		last_status = 2;
		return;
	}
	argc = nb_split(line, argv, MAX_WORDS, &err);
	if (argc == NB_EWORDS)
		nx_printf("nipbox: %s (at most %d)\n", err, MAX_WORDS - 1);
	else if (argc < 0)
		nx_printf("nipbox: %s\n", err);
	if (argc < 0) {
		last_status = 2;
		return;
	}
	if (argc > 0)
		last_status = run_words(argc, argv);
}

int
main(void)
{
	char line[LINE_MAX], prompt[NX_PATH_MAX + 16];
	char cwd[NX_PATH_MAX];
	int n;

	for (;;) {
		if (nx_getcwd(cwd, sizeof(cwd)) < 0)
			strcpy(cwd, "?");
		strcpy(prompt, "nipbox:");
		strcat(prompt, cwd);
		strcat(prompt, "$ ");
		n = read_line(prompt, line, sizeof(line));
		if (n == LINE_EOF) {
			nx_print("exit\n");
			nx_exit(last_status);
		}
		if (n == LINE_TOO_LONG) {
			nx_printf("nipbox: line too long (at most %d characters); "
			    "not run\n", LINE_MAX - 1);
			last_status = 2;
			continue;
		}
		run_line(line);
	}
}
