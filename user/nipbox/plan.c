#include "nexus/abi.h"
#include "plan.h"

void
nb_plan_start(struct nb_plan *p, int ncmds)
{
	p->ncmds = ncmds;
	p->npipes = ncmds - 1;
	for (int i = 0; i < ncmds; i++)
		p->cmd[i].nsteps = 0;
}

static struct nb_step *
add(struct nb_plan_cmd *pc, enum nb_step_op op, int fd)
{
	struct nb_step *s = &pc->step[pc->nsteps++];

	*s = (struct nb_step){ .op = op, .fd = fd };
	return s;
}

static uint32_t
open_flags(enum nb_redir_op op)
{
	if (op == NB_R_IN)
		return NX_O_RDONLY;
	if (op == NB_R_APPEND)
		return NX_O_WRONLY | NX_O_CREAT | NX_O_APPEND;
	return NX_O_WRONLY | NX_O_CREAT | NX_O_TRUNC;
}

void
nb_plan_command(struct nb_plan *p, int i, const struct nb_command *c,
    const struct nb_expanded *ex)
{
	struct nb_plan_cmd *pc = &p->cmd[i];
	struct nb_step *s;

	/* The pipes first: a redirection on the line overrides them, as
	 * `a 2>&1 | b` sends both outputs of a into the pipe. */
	if (i > 0) {
		s = add(pc, NB_S_PIPE, 0);
		s->pipe = i - 1;
		s->end = 0;
	}
	if (i < p->ncmds - 1) {
		s = add(pc, NB_S_PIPE, 1);
		s->pipe = i;
		s->end = 1;
	}
	if (p->npipes > 0)
		add(pc, NB_S_CLOSE_PIPES, -1);
	for (int r = 0; r < c->nredir; r++) {
		const struct nb_redir *rd = &c->redir[r];

		if (rd->op == NB_R_DUP) {
			s = add(pc, NB_S_DUP, rd->fd);
			s->from = rd->from;
		} else {
			s = add(pc, NB_S_OPEN, rd->fd);
			s->path = ex->target[r];
			s->flags = open_flags(rd->op);
		}
	}
}

int
nb_plan_needed(const struct nb_plan *p)
{
	for (int i = 0; i < p->ncmds; i++) {
		if (p->cmd[i].nsteps)
			return 1;
	}
	return 0;
}
