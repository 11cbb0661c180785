/* NipBox, the rumpk shell: what its files share. */
#ifndef NIPBOX_H
#define NIPBOX_H

#include <stddef.h>

#include "libnexus.h"

#define LINE_MAX	1024
#define MAX_WORDS	64

/* A builtin gets the words of its line and returns an exit status. */
struct builtin {
	const char *name;
	const char *usage;
	const char *help;
	int (*run)(int argc, char **argv);
};

/* line.c: reads a line with echo and editing; its length. */
size_t read_line(const char *prompt, char *line, size_t max);

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
