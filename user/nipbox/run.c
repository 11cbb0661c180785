/*
 * Running a parsed line: pipelines one after another as ';', '&&' and
 * '||' say, each command's words expanded just before it runs, then a
 * builtin or a program with the environment NipBox builds for it.
 */
#include <string.h>

#include "expand.h"
#include "nipbox.h"
#include "plan.h"

int last_status;
struct nb_vars shell_vars;
char **command_env;

/* Parsed lines and expanded commands are big: kept off the stack. */
static struct nb_script script;
static struct nb_expanded expanded[NB_MAX_PIPE];
static struct nb_plan plan;

static const char *
lookup(void *ctx, const char *name, size_t len)
{
	return nb_var_get(ctx, name, len);
}

/* Where a command word leads: a path as given, or /bin/<word>. */
void
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

void
exec_failed(const char *name, const char *path, long r, const char *why)
{
	if (r == NX_ENOENT && !strchr(name, '/'))
		nx_printf("nipbox: %s: command not found\n", name);
	else if (r == NX_ENOEXEC)
		nx_printf("exec: %s: %s\n", path, why);
	else
		complain("nipbox", name, r);
}

int
wait_status(uint32_t id)
{
	NxWaitArgs w;
	long r;

	/* A ^C meant for a builtin of this line (the kernel says it once)
	 * must not leave the child unreaped: wait again. */
	while ((r = nx_wait(id, &w)) == NX_EINTR)
		;
	if (r < 0)
		return 1;
	if (w.how == NX_WAIT_EXITED)
		return w.status & 0xff;
	if (w.how == NX_WAIT_FAULTED)
		return 128 + (int)w.cause;
	/* Ended by a signal: 128 + its number; 0 for ^C and kill. */
	return w.status ? w.status & 0xff : 130;	/* as by SIGINT */
}

/* Runs a program as a child and waits for it; its status for $?. */
static int
run_program(char **argv)
{
	char path[NX_PATH_MAX], why[160];
	long id;

	program_path(argv[0], path, sizeof(path));
	/* It has the terminal from its start (see start_program). */
	id = nx_exec(path, argv, command_env, NX_EXEC_FOREGROUND, why,
	    sizeof(why));
	if (id < 0) {
		exec_failed(argv[0], path, id, why);
		return id == NX_ENOENT ? 127 : 126;
	}
	return wait_status((uint32_t)id);
}

int
cmd_exec(int argc, char **argv)
{
	char path[NX_PATH_MAX], why[160];
	long r;

	if (argc < 2) {
		nx_print("usage: exec prog [args...]\n");
		return 2;
	}
	program_path(argv[1], path, sizeof(path));
	r = nx_exec(path, argv + 1, command_env, NX_EXEC_REPLACE, why,
	    sizeof(why));
	exec_failed(argv[1], path, r, why);
	return r == NX_ENOENT ? 127 : 126;
}

/* NAME=value alone: a shell variable (exported if it was). */
static int
assign(char *const assign[], int n)
{
	int status = 0;

	for (int i = 0; i < n; i++) {
		const char *eq = strchr(assign[i], '=');

		if (set_var(assign[i], (size_t)(eq - assign[i]), eq + 1, 0))
			status = 1;
	}
	return status;
}

int
command_setup(struct nb_expanded *ex, int *status)
{
	static char *env[NB_ENV_MAX + 1];

	if (ex->argc == 0) {
		*status = assign(ex->assign, ex->nassign);
		return 1;
	}
	if (nb_env_build(&shell_vars, ex->assign, ex->nassign, env,
	    NB_ENV_MAX + 1) < 0) {
		nx_printf("nipbox: environment too big (at most %d strings)\n",
		    NB_ENV_MAX);
		*status = 2;
		return 1;
	}
	command_env = env;
	if (!ex->argv[0][0]) {
		nx_print("nipbox: empty command name\n");
		*status = 127;
		return 1;
	}
	return 0;
}

/* One command with nothing to redirect: a builtin or a program. */
static int
run_command(struct nb_expanded *ex)
{
	const struct builtin *b;
	int status;

	if (command_setup(ex, &status))
		return status;
	b = find_builtin(ex->argv[0]);
	if (b)
		return b->run(ex->argc, ex->argv);
	return run_program(ex->argv);
}

static int
run_pipeline(const struct nb_pipeline *pl)
{
	struct nb_vars_view v = { lookup, &shell_vars, last_status };

	nb_plan_start(&plan, pl->ncmds);
	for (int i = 0; i < pl->ncmds; i++) {
		int ci = pl->first_cmd + i;

		if (nb_expand_command(&script, ci, &v, &expanded[i]) != 0) {
			nx_printf("nipbox: command too long after expansion "
			    "(at most %d bytes)\n", NB_EXPAND_MAX);
			return 2;
		}
		nb_plan_command(&plan, i, &script.cmds[ci], &expanded[i]);
	}
	if (nb_plan_needed(&plan))
		return run_job(&plan, expanded);
	return run_command(&expanded[0]);
}

void
run_line(const char *line)
{
	char err[96];

	if (nb_parse(line, &script, err, sizeof(err)) != 0) {
		nx_printf("nipbox: %s\n", err);
		last_status = 2;
		return;
	}
	for (int i = 0; i < script.npipes; i++) {
		const struct nb_pipeline *pl = &script.pipes[i];

		if ((pl->join == NB_J_AND && last_status != 0) ||
		    (pl->join == NB_J_OR && last_status == 0))
			continue;
		last_status = run_pipeline(pl);
	}
}
