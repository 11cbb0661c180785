/*
 * A job: a pipeline, or one command with redirections, as plan.c planned
 * it.  Programs are spawned with descriptor actions (NxSpawnAction), all
 * in one kernel job, so Ctrl-C ends them together; builtins run inside
 * NipBox with its own descriptors redirected for the while and put back
 * after.
 *
 * The commands start from the last to the first, each pipe made just
 * before the command that writes it: so NipBox holds at most two pipes
 * at a time (a command's closing of them fits the kernel's limit of
 * actions), and whatever a command writes into a pipe already has its
 * reader running, which lets a builtin (which runs to its end before
 * anything else happens) write more than a pipe holds.  NipBox then
 * waits for every program, first to last: the first one is the
 * foreground, which gets the terminal's input.
 */
#include <string.h>

#include "expand.h"
#include "nipbox.h"
#include "plan.h"

#define NO_FD		(-1)
#define SAVE_MIN	10	/* NipBox's copies of what a builtin changes:
				 * above what a line can name (0 to 9) */

_Static_assert(2 + 4 + NB_MAX_REDIRS <= NX_SPAWN_MAX_ACTIONS,
    "a command's actions: two pipe ends, closing two pipes, redirections");

struct job {
	const struct nb_plan *p;
	struct nb_expanded *ex;
	int pipe[NB_MAX_PIPE][2];	/* NipBox's descriptors, or NO_FD */
	long id[NB_MAX_PIPE];		/* the program started, or 0 */
	int status[NB_MAX_PIPE];
	uint32_t lead;			/* the job: its first program */
};

static void
close_pipe(struct job *j, int k)
{
	for (int e = 0; e < 2; e++) {
		if (j->pipe[k][e] != NO_FD)
			nx_close(j->pipe[k][e]);
		j->pipe[k][e] = NO_FD;
	}
}

/* Whether an earlier action of the list makes descriptor `fd`. */
static int
made(const NxSpawnAction *a, int n, int fd)
{
	for (int k = 0; k < n; k++) {
		if (a[k].op != NX_SPAWN_CLOSE && a[k].fd == fd)
			return 1;
	}
	return 0;
}

/* The actions that give command `i` its descriptors: how many. */
static int
actions_of(const struct job *j, int i, NxSpawnAction *a)
{
	const struct nb_plan_cmd *pc = &j->p->cmd[i];
	int n = 0;

	for (int k = 0; k < pc->nsteps; k++) {
		const struct nb_step *s = &pc->step[k];

		if (s->op == NB_S_CLOSE_PIPES) {
			for (int q = 0; q < j->p->npipes; q++) {
				for (int e = 0; e < 2; e++) {
					int fd = j->pipe[q][e];

					if (fd != NO_FD && !made(a, n, fd))
						a[n++] = (NxSpawnAction){
						    .op = NX_SPAWN_CLOSE,
						    .fd = fd };
				}
			}
			continue;
		}
		a[n] = (NxSpawnAction){ .fd = s->fd };
		if (s->op == NB_S_PIPE) {
			a[n].op = NX_SPAWN_DUP2;
			a[n].src = j->pipe[s->pipe][s->end];
		} else if (s->op == NB_S_DUP) {
			a[n].op = NX_SPAWN_DUP2;
			a[n].src = s->from;
		} else {
			a[n].op = NX_SPAWN_OPEN;
			a[n].flags = s->flags;
			a[n].path = (uintptr_t)s->path;
		}
		n++;
	}
	return n;
}

/* A spawn refused for one of its actions: what the line named. */
static void
action_failed(const NxSpawnAction *a, int n, long r, const char *why)
{
	const char *at = "descriptor action ";
	unsigned k = 0;

	for (const char *p = why + strlen(at); *p >= '0' && *p <= '9'; p++)
		k = k * 10 + (unsigned)(*p - '0');
	if (k < (unsigned)n && a[k].op == NX_SPAWN_OPEN)
		nx_printf("nipbox: %s: %s\n",
		    (const char *)(uintptr_t)a[k].path, nx_strerror(r));
	else if (k < (unsigned)n && a[k].op == NX_SPAWN_DUP2)
		nx_printf("nipbox: %d: %s\n", a[k].src, nx_strerror(r));
	else
		nx_printf("nipbox: %s\n", why);
}

static void
start_program(struct job *j, int i)
{
	NxSpawnAction a[NX_SPAWN_MAX_ACTIONS];
	char path[NX_PATH_MAX], why[160];
	char **argv = j->ex[i].argv;
	int n = actions_of(j, i, a);
	long id;

	program_path(argv[0], path, sizeof(path));
	/* Every job of NipBox's is waited for: it has the terminal from
	 * its start, so that what it asks at once sees it has. */
	id = nx_spawn(path, argv, command_env, a, (uint32_t)n, j->lead,
	    NX_EXEC_FOREGROUND, why, sizeof(why));
	if (id > 0) {
		j->id[i] = id;
		if (!j->lead)
			j->lead = (uint32_t)id;
		return;
	}
	if (strncmp(why, "descriptor action ", 18) == 0) {
		action_failed(a, n, id, why);
		j->status[i] = 1;
		return;
	}
	exec_failed(argv[0], path, id, why);
	j->status[i] = id == NX_ENOENT ? 127 : 126;
}

/* What a builtin's redirection changed in NipBox, to be put back. */
struct saved {
	int n;
	int fd[NB_MAX_STEPS], copy[NB_MAX_STEPS];	/* copy NO_FD: closed */
};

static void
save(struct saved *sv, int fd)
{
	for (int k = 0; k < sv->n; k++) {
		if (sv->fd[k] == fd)
			return;
	}
	sv->fd[sv->n] = fd;
	sv->copy[sv->n] = (int)nx_dup(fd, SAVE_MIN, NX_DUP_CLOEXEC);
	if (sv->copy[sv->n] < 0)
		sv->copy[sv->n] = NO_FD;
	sv->n++;
}

static void
restore(struct saved *sv)
{
	while (sv->n--) {
		int fd = sv->fd[sv->n], copy = sv->copy[sv->n];

		if (copy == NO_FD) {
			nx_close(fd);
			continue;
		}
		nx_dup(copy, fd, NX_DUP_FIXED);
		nx_close(copy);
	}
}

/* One step in NipBox itself: 0, or an error said on the console. */
static int
step_here(const struct job *j, const struct nb_step *s)
{
	long r;

	if (s->op == NB_S_PIPE)
		r = nx_dup(j->pipe[s->pipe][s->end], s->fd, NX_DUP_FIXED);
	else if (s->op == NB_S_DUP)
		r = nx_dup(s->from, s->fd, NX_DUP_FIXED);
	else {
		r = nx_open(s->path, s->flags);
		if (r >= 0 && r != s->fd) {
			long to = nx_dup(r, s->fd, NX_DUP_FIXED);

			nx_close(r);
			r = to;
		}
	}
	if (r >= 0)
		return 0;
	return (int)r;
}

/*
 * A builtin with its descriptors as the plan says: NipBox's own are
 * changed and put back after, so what it prints goes where the line
 * says.  An error is said once they are back, on the terminal.
 */
static int
run_builtin(struct job *j, int i, const struct builtin *b)
{
	const struct nb_plan_cmd *pc = &j->p->cmd[i];
	struct nb_expanded *ex = &j->ex[i];
	struct saved sv = { 0 };
	int err = 0, status = 1, k;

	for (k = 0; k < pc->nsteps && !err; k++) {
		if (pc->step[k].op == NB_S_CLOSE_PIPES)
			continue;
		save(&sv, pc->step[k].fd);
		err = step_here(j, &pc->step[k]);
	}
	if (!err)
		status = b->run(ex->argc, ex->argv);
	restore(&sv);
	if (!err)
		return status;
	k--;
	if (pc->step[k].op == NB_S_OPEN)
		nx_printf("nipbox: %s: %s\n", pc->step[k].path,
		    nx_strerror(err));
	else
		nx_printf("nipbox: %d: %s\n", pc->step[k].op == NB_S_DUP ?
		    pc->step[k].from : pc->step[k].fd, nx_strerror(err));
	return 1;
}

static void
start(struct job *j, int i)
{
	const struct builtin *b;

	if (command_setup(&j->ex[i], &j->status[i]))
		return;
	b = find_builtin(j->ex[i].argv[0]);
	if (b)
		j->status[i] = run_builtin(j, i, b);
	else
		start_program(j, i);
}

int
run_job(const struct nb_plan *p, struct nb_expanded *ex)
{
	struct job j = { .p = p, .ex = ex };
	int i;

	for (i = 0; i < p->ncmds; i++) {
		j.pipe[i][0] = j.pipe[i][1] = NO_FD;
		j.status[i] = 0;
	}
	for (i = p->ncmds - 1; i >= 0; i--) {
		long r = i > 0 ? nx_pipe(j.pipe[i - 1], 0) : 0;

		if (r < 0) {
			nx_printf("nipbox: pipe: %s\n", nx_strerror(r));
			j.status[p->ncmds - 1] = 1;
			break;
		}
		start(&j, i);
		if (i < p->ncmds - 1)
			close_pipe(&j, i);
		/* Command i has the read end now; NipBox keeps only the
		 * write end, so a builtin writing into it (command i - 1,
		 * run inside NipBox) gets EPIPE once command i ends. */
		if (i > 0 && j.pipe[i - 1][0] != NO_FD) {
			nx_close(j.pipe[i - 1][0]);
			j.pipe[i - 1][0] = NO_FD;
		}
	}
	for (i = 0; i < p->npipes; i++)
		close_pipe(&j, i);
	for (i = 0; i < p->ncmds; i++) {
		if (j.id[i] > 0)
			j.status[i] = wait_status((uint32_t)j.id[i]);
	}
	return j.status[p->ncmds - 1];
}
