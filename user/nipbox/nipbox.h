/* NipBox, the rumpk shell: what its files share. */
#ifndef NIPBOX_H
#define NIPBOX_H

#include <stddef.h>

#include "complete.h"
#include "edit.h"
#include "libnexus.h"
#include "vars.h"

#define LINE_MAX	1024

/* A builtin gets the words of its line and returns an exit status. */
struct builtin {
	const char *name;
	const char *usage;
	const char *help;
	int (*run)(int argc, char **argv);
};

/* read_line's answers besides a line's length. */
#define LINE_EOF	(-1)	/* Ctrl-D on an empty line */
#define LINE_TOO_LONG	(-2)	/* more than max - 1 characters were typed */

/* line.c: reads a line with echo and editing; its length, or LINE_*. */
int read_line(const char *prompt, char *line, size_t max);

/* tab.c: completes the word before the cursor, or lists the choices. */
void tab_complete(struct editor *e, const char *prompt);

/* nipbox.c: offers every builtin's name to a completion. */
void offer_builtins(struct matcher *m);

/* nipbox.c: the builtin called `name`, or NULL. */
const struct builtin *find_builtin(const char *name);

/* run.c: parses and runs a line; $? and the variables it changes. */
void run_line(const char *line);
extern int last_status;
extern struct nb_vars shell_vars;
/* The environment of the command running now (its NAME=value included). */
extern char **command_env;
int cmd_exec(int argc, char **argv);
/* A command word's program: the path as given, or /bin/<word>. */
void program_path(const char *name, char *path, size_t size);
/* Says why a program could not be started. */
void exec_failed(const char *name, const char *path, long r,
    const char *why);
/* Waits for child `id`: its status for $? (130 when interrupted). */
int wait_status(uint32_t id);
/* Before a command runs: its environment in command_env.  1 when it is
 * done already (only assignments, or an error), its status in *status. */
struct nb_expanded;
int command_setup(struct nb_expanded *ex, int *status);

/* job.c: a pipeline or a command with redirections, as planned; the
 * last command's status. */
struct nb_plan;
int run_job(const struct nb_plan *p, struct nb_expanded *ex);

/* builtins_vars.c */
void vars_init(char **envp);
/* Sets a variable, or says on the console why not (and returns non-zero). */
int set_var(const char *name, size_t len, const char *value, int export);
int cmd_export(int argc, char **argv);
int cmd_unset(int argc, char **argv);
int cmd_env(int argc, char **argv);

/* builtins_fs.c */
int cmd_ls(int argc, char **argv);
int cmd_cat(int argc, char **argv);
int cmd_cd(int argc, char **argv);
int cmd_pwd(int argc, char **argv);

/* builtins_sys.c */
int cmd_ion(int argc, char **argv);
int cmd_ps(int argc, char **argv);
int cmd_mem(int argc, char **argv);
int cmd_audit(int argc, char **argv);
int cmd_uptime(int argc, char **argv);
int cmd_poweroff(int argc, char **argv);

/* "<cmd>: <what>: <error message>" on the console. */
void complain(const char *cmd, const char *what, long err);

#endif
