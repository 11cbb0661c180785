/*
 * NipBox, the rumpk shell.  An ordinary program of the archive: it reads a
 * line, runs a builtin, or runs /bin/<name> (or a path) in its place; the
 * kernel starts NipBox again when that program ends.
 */
#include <string.h>

#include "nipbox.h"
#include "parse.h"

static int cmd_help(int argc, char **argv);

static const struct builtin builtins[] = {
	{ "help", "help", "list the builtins", cmd_help },
	{ "ls", "ls [-l] [path...]", "list directories (-l: type and size)",
	    cmd_ls },
	{ "cat", "cat file...", "print files", cmd_cat },
	{ "cd", "cd [dir]", "change the current directory", cmd_cd },
	{ "pwd", "pwd", "print the current directory", cmd_pwd },
	{ "ion", "ion", "show ION packet use", cmd_ion },
	{ "audit", "audit [N]", "the last N commands and the chain check",
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
	    "Quote with '...' or \"...\".\n");
	return 0;
}

void
complain(const char *cmd, const char *what, long err)
{
	nx_printf("%s: %s: %s\n", cmd, what, nx_strerror(err));
}

static void
run_program(char **argv)
{
	char path[NX_PATH_MAX], why[160];
	const char *name = argv[0];
	long r;

	if (strchr(name, '/'))
		strncpy(path, name, sizeof(path) - 1);
	else {
		strcpy(path, "/bin/");
		strncpy(path + 5, name, sizeof(path) - 6);
	}
	path[sizeof(path) - 1] = '\0';
	r = nx_exec(path, argv, NULL, NX_EXEC_REPLACE, why, sizeof(why));
	if (r == NX_ENOENT && !strchr(name, '/'))
		nx_printf("nipbox: %s: command not found\n", name);
	else if (r == NX_ENOEXEC)
		nx_printf("exec: %s: %s\n", path, why);
	else
		complain("nipbox", name, r);
}

static void
run_line(char *line)
{
	char *argv[MAX_WORDS];
	const char *err;
	int argc = nb_split(line, argv, MAX_WORDS, &err);

	if (argc < 0) {
		nx_printf("nipbox: %s\n", err);
		return;
	}
	if (argc == 0)
		return;
	for (unsigned i = 0; i < NBUILTINS; i++) {
		if (strcmp(argv[0], builtins[i].name) == 0) {
			builtins[i].run(argc, argv);
			return;
		}
	}
	run_program(argv);
}

int
main(void)
{
	char line[LINE_MAX], prompt[NX_PATH_MAX + 16];
	char cwd[NX_PATH_MAX];

	for (;;) {
		if (nx_getcwd(cwd, sizeof(cwd)) < 0)
			strcpy(cwd, "?");
		strcpy(prompt, "nipbox:");
		strcat(prompt, cwd);
		strcat(prompt, "$ ");
		read_line(prompt, line, sizeof(line));
		run_line(line);
	}
}
