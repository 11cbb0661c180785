/*
 * NipBox's variables: shell variables, the exported ones among them, and
 * the environment a program gets (the exported ones, overridden by the
 * NAME=value words before its command).  Fixed storage, no allocation.
 * Pure, so it is tested on the host.
 */
#ifndef NIPBOX_VARS_H
#define NIPBOX_VARS_H

#include <stddef.h>

#define NB_MAX_VARS	48	/* variables, exported or not */
#define NB_VAR_MAX	256	/* "NAME=value" and its NUL */
#define NB_ENV_MAX	512	/* strings of a command's environment */

struct nb_var {
	char text[NB_VAR_MAX];	/* "NAME=value" */
	size_t name_len;	/* 0: the slot is free */
	int exported;
	int set;		/* 0: exported before it had a value */
};

struct nb_vars {
	struct nb_var v[NB_MAX_VARS];
};

/* nb_var_set's and nb_var_export's errors. */
#define NB_VTOOLONG	(-1)	/* "NAME=value" needs more than NB_VAR_MAX */
#define NB_VFULL	(-2)	/* NB_MAX_VARS are in use */

/*
 * Sets `name` (already checked with nb_assign_name or nb_var_name) to
 * `value`; `export` also exports it (it never unexports).  0 or NB_V*.
 */
int nb_var_set(struct nb_vars *vs, const char *name, size_t len,
    const char *value, int export);

/* Marks `name` exported, creating it without a value if needed. */
int nb_var_export(struct nb_vars *vs, const char *name, size_t len);

/* The value of `name`, or NULL when it is not set. */
const char *nb_var_get(const struct nb_vars *vs, const char *name,
    size_t len);

void nb_var_unset(struct nb_vars *vs, const char *name, size_t len);

/* Whether the whole of `s` is a name: a letter or '_', then also digits. */
int nb_var_name(const char *s);

/*
 * Fills `envp` (room for `max` pointers, the last one NULL) with every
 * exported variable that has a value, except those `assign` ("NAME=value"
 * strings, `nassign` of them) names, then `assign`.  The count, or -1
 * when more than `max - 1` strings it would take.
 */
int nb_env_build(const struct nb_vars *vs, char *const assign[], int nassign,
    char **envp, int max);

#endif
