/*
 * The plan for a pipeline with redirections: for each command, the steps
 * that make its descriptors 0, 1 and 2 (and any other it names) what the
 * line says, in the order a spawn with file actions (as posix_spawn's)
 * takes them.  The pipes are numbered: pipe i joins command i's output to
 * command i + 1's input, and the runner creates them before the commands.
 * Pure, so it is tested on the host.
 */
#ifndef NIPBOX_PLAN_H
#define NIPBOX_PLAN_H

#include <stdint.h>

#include "expand.h"
#include "parse.h"

enum nb_step_op {
	NB_S_PIPE,	/* fd becomes end `end` (0 read, 1 write) of `pipe` */
	NB_S_CLOSE_PIPES,	/* every pipe end the child got is closed */
	NB_S_OPEN,	/* fd becomes `path` opened with `flags` (NX_O_*) */
	NB_S_DUP,	/* fd becomes a copy of `from` */
};

struct nb_step {
	enum nb_step_op op;
	int fd;
	int pipe, end;		/* NB_S_PIPE */
	int from;		/* NB_S_DUP */
	const char *path;	/* NB_S_OPEN */
	uint32_t flags;		/* NB_S_OPEN */
};

/* Two pipe ends and one close, then the redirections. */
#define NB_MAX_STEPS	(NB_MAX_REDIRS + 3)

struct nb_plan_cmd {
	int nsteps;
	struct nb_step step[NB_MAX_STEPS];
};

struct nb_plan {
	int ncmds, npipes;
	struct nb_plan_cmd cmd[NB_MAX_PIPE];
};

/* Starts the plan for a pipeline of `ncmds` (1 to NB_MAX_PIPE) commands. */
void nb_plan_start(struct nb_plan *p, int ncmds);

/* Adds the steps of the pipeline's command `i`: `c` as parsed, with its
 * redirections' files expanded in `ex`. */
void nb_plan_command(struct nb_plan *p, int i, const struct nb_command *c,
    const struct nb_expanded *ex);

/* Whether the plan has any step: without one a command runs as it is. */
int nb_plan_needed(const struct nb_plan *p);

#endif
