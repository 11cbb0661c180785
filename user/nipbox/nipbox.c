/*
 * NipBox, the rumpk shell.  An ordinary program of the archive: it reads a
 * line and runs its commands (run.c), each a builtin, or /bin/<name> (or
 * a path) started as a child and waited for; `exec` replaces NipBox
 * instead.  `exit` and Ctrl-D end it,
 * and the kernel starts a new NipBox when the last program ends.
 */
#include <string.h>

#include "nipbox.h"
#include "parse.h"

static int cmd_help(int argc, char **argv);
static int cmd_echo(int argc, char **argv);
static int cmd_exit(int argc, char **argv);
static int cmd_kill(int argc, char **argv);
static int cmd_true(int argc, char **argv);
static int cmd_false(int argc, char **argv);

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
	{ "export", "export [VAR[=val]..]",
	    "give variables to programs (alone: list them)", cmd_export },
	{ "unset", "unset VAR...", "forget variables", cmd_unset },
	{ "env", "env", "print the environment programs get", cmd_env },
	{ "true", "true", "do nothing, successfully (status 0)", cmd_true },
	{ "false", "false", "do nothing, unsuccessfully (status 1)",
	    cmd_false },
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
	    "Join commands with ; && ||; VAR=value sets a variable, or a\n"
	    "program's environment before its name; $VAR ${VAR} $? expand.\n"
	    "Quote with '...' or \"...\"; # starts a comment.  Tab completes\n"
	    "commands and paths; Ctrl-D on an empty line ends NipBox.\n");
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

static int
cmd_true(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	return 0;
}

static int
cmd_false(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	return 1;
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

const struct builtin *
find_builtin(const char *name)
{
	for (unsigned i = 0; i < NBUILTINS; i++) {
		if (strcmp(name, builtins[i].name) == 0)
			return &builtins[i];
	}
	return NULL;
}

int
main(int argc, char **argv, char **envp)
{
	char line[LINE_MAX], prompt[NX_PATH_MAX + 16];
	char cwd[NX_PATH_MAX];
	int n;

	(void)argc;
	(void)argv;
	vars_init(envp);
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
