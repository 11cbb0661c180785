/* NipBox's variable builtins: export, unset, env; and the defaults. */
#include <string.h>

#include "nipbox.h"
#include "parse.h"

/* What every program started from NipBox finds in its environment, unless
 * NipBox itself was given another. */
static const char *const defaults[] = { "PATH=/bin", "HOME=/", "TERM=vt100",
	"SHELL=/bin/nipbox" };

int
set_var(const char *name, size_t len, const char *value, int export)
{
	int r = nb_var_set(&shell_vars, name, len, value, export);

	if (r == NB_VTOOLONG)
		nx_printf("nipbox: %.*s: value too long (NAME=value at most %d "
		    "characters)\n", (int)len, name, NB_VAR_MAX - 1);
	else if (r == NB_VFULL)
		nx_printf("nipbox: too many variables (at most %d)\n",
		    NB_MAX_VARS);
	return r;
}

void
vars_init(char **envp)
{
	for (unsigned i = 0; i < sizeof(defaults) / sizeof(defaults[0]); i++) {
		const char *eq = strchr(defaults[i], '=');

		set_var(defaults[i], (size_t)(eq - defaults[i]), eq + 1, 1);
	}
	for (; envp && *envp; envp++) {
		size_t n = nb_assign_name(*envp, strlen(*envp));

		if (n)
			set_var(*envp, n, *envp + n + 1, 1);
	}
}

static void
list_exported(void)
{
	for (int i = 0; i < NB_MAX_VARS; i++) {
		const struct nb_var *v = &shell_vars.v[i];

		if (!v->name_len || !v->exported)
			continue;
		if (v->set)
			nx_printf("export %s\n", v->text);
		else
			nx_printf("export %.*s\n", (int)v->name_len, v->text);
	}
}

int
cmd_export(int argc, char **argv)
{
	int status = 0;

	if (argc == 1)
		list_exported();
	for (int i = 1; i < argc; i++) {
		size_t n = nb_assign_name(argv[i], strlen(argv[i]));

		if (n) {
			if (set_var(argv[i], n, argv[i] + n + 1, 1))
				status = 1;
		} else if (!nb_var_name(argv[i])) {
			nx_printf("export: %s: not a valid name\n", argv[i]);
			status = 1;
		} else if (nb_var_export(&shell_vars, argv[i],
		    strlen(argv[i])) != 0) {
			nx_printf("nipbox: too many variables (at most %d)\n",
			    NB_MAX_VARS);
			status = 1;
		}
	}
	return status;
}

int
cmd_unset(int argc, char **argv)
{
	int status = 0;

	for (int i = 1; i < argc; i++) {
		if (!nb_var_name(argv[i])) {
			nx_printf("unset: %s: not a valid name\n", argv[i]);
			status = 1;
			continue;
		}
		nb_var_unset(&shell_vars, argv[i], strlen(argv[i]));
	}
	return status;
}

/* The environment a program started by this line would get. */
int
cmd_env(int argc, char **argv)
{
	(void)argv;
	if (argc > 1) {
		nx_print("usage: env   (VAR=value env shows one for a command)\n");
		return 2;
	}
	for (char **e = command_env; *e; e++)
		nx_printf("%s\n", *e);
	return 0;
}
