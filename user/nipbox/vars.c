#include <stddef.h>
#include <string.h>

#include "vars.h"

static struct nb_var *
find(const struct nb_vars *vs, const char *name, size_t len)
{
	for (int i = 0; i < NB_MAX_VARS; i++) {
		const struct nb_var *v = &vs->v[i];

		if (v->name_len == len && memcmp(v->text, name, len) == 0)
			return (struct nb_var *)v;
	}
	return NULL;
}

/* The variable `name`, or a fresh slot holding "name=". */
static struct nb_var *
find_or_add(struct nb_vars *vs, const char *name, size_t len)
{
	struct nb_var *v = find(vs, name, len);

	if (v)
		return v;
	if (len + 2 > NB_VAR_MAX)
		return NULL;
	for (int i = 0; i < NB_MAX_VARS; i++) {
		v = &vs->v[i];
		if (v->name_len == 0) {
			memcpy(v->text, name, len);
			v->text[len] = '=';
			v->text[len + 1] = '\0';
			v->name_len = len;
			v->exported = v->set = 0;
			return v;
		}
	}
	return NULL;
}

static int
add_error(const struct nb_vars *vs, const char *name, size_t len)
{
	return len + 2 > NB_VAR_MAX || find(vs, name, len) ? NB_VTOOLONG :
	    NB_VFULL;
}

int
nb_var_set(struct nb_vars *vs, const char *name, size_t len,
    const char *value, int export)
{
	size_t vlen = strlen(value);
	struct nb_var *v;

	if (len + 1 + vlen + 1 > NB_VAR_MAX)
		return NB_VTOOLONG;
	v = find_or_add(vs, name, len);
	if (!v)
		return add_error(vs, name, len);
	memcpy(v->text + len + 1, value, vlen + 1);
	v->set = 1;
	v->exported |= export;
	return 0;
}

int
nb_var_export(struct nb_vars *vs, const char *name, size_t len)
{
	struct nb_var *v = find_or_add(vs, name, len);

	if (!v)
		return add_error(vs, name, len);
	v->exported = 1;
	return 0;
}

const char *
nb_var_get(const struct nb_vars *vs, const char *name, size_t len)
{
	const struct nb_var *v = find(vs, name, len);

	return v && v->set ? v->text + len + 1 : NULL;
}

void
nb_var_unset(struct nb_vars *vs, const char *name, size_t len)
{
	struct nb_var *v = find(vs, name, len);

	if (v)
		v->name_len = 0;
}

int
nb_var_name(const char *s)
{
	if (!((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') ||
	    *s == '_'))
		return 0;
	for (s++; *s; s++) {
		if (!((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') ||
		    (*s >= '0' && *s <= '9') || *s == '_'))
			return 0;
	}
	return 1;
}

/* Whether one of `assign` sets the variable `v`. */
static int
overridden(const struct nb_var *v, char *const assign[], int nassign)
{
	for (int i = 0; i < nassign; i++) {
		if (strncmp(assign[i], v->text, v->name_len + 1) == 0)
			return 1;
	}
	return 0;
}

int
nb_env_build(const struct nb_vars *vs, char *const assign[], int nassign,
    char **envp, int max)
{
	int n = 0;

	for (int i = 0; i < NB_MAX_VARS; i++) {
		const struct nb_var *v = &vs->v[i];

		if (!v->name_len || !v->exported || !v->set ||
		    overridden(v, assign, nassign))
			continue;
		if (n >= max - 1)
			return -1;
		envp[n++] = (char *)v->text;
	}
	for (int i = 0; i < nassign; i++) {
		/* A name given twice (X=1 X=2 cmd): the last one counts. */
		int later = 0;

		for (int j = i + 1; j < nassign; j++) {
			const char *eq = strchr(assign[i], '=');
			size_t l = (size_t)(eq - assign[i]) + 1;

			later |= strncmp(assign[i], assign[j], l) == 0;
		}
		if (later)
			continue;
		if (n >= max - 1)
			return -1;
		envp[n++] = assign[i];
	}
	envp[n] = NULL;
	return n;
}
