/*
 * NipBox's command language: the parser (checked through its canonical
 * form, nb_unparse, and the script's fields), its errors and limits, word
 * expansion, the variables and environment, and the pipeline plans.
 */
#include <stdio.h>
#include <string.h>

#include "nexus/abi.h"
#include "test.h"
#include "user/nipbox/expand.h"
#include "user/nipbox/parse.h"
#include "user/nipbox/plan.h"
#include "user/nipbox/vars.h"

static struct nb_script sc;

/* Parses `line`; its canonical form, or "error: <message>". */
static const char *
canon(const char *line)
{
	static char out[4096];
	char err[96];
	int r = nb_parse(line, &sc, err, sizeof(err));

	if (r != 0) {
		snprintf(out, sizeof(out), "error: %s", err);
		return out;
	}
	nb_unparse(&sc, out, sizeof(out));
	return out;
}

static void
check_canon(const char *line, const char *want)
{
	test_note("line \"%s\"", line);
	CHECK_STREQ(canon(line), want);
}

void
test_nbsyntax_parse(void)
{
	check_canon("", "");
	check_canon("  # only a comment ; | &&", "");
	check_canon("echo a#b #c", "echo a#b");
	check_canon("a|b|c", "a | b | c");
	check_canon("a&&b||c;d;", "a && b || c ; d");
	check_canon("X=1 Y=$Z cmd a=b >f 2>&1 <in >>log 2>>e",
	    "X=1 Y=$Z cmd a=b 1> f 2>&1 0< in 1>> log 2>> e");
	check_canon(">&2 echo 1>&2 0<&3", "echo 1>&2 1>&2 0>&3");
	check_canon("echo 'a | b' \"c;d\" e\\|f", "echo 'a | b' \"c;d\" e\\|f");
	check_canon("echo \"${HOME}x\" $ '${'", "echo \"${HOME}x\" $ '${'");
	check_canon("echo 2x>f a2>g", "echo 2x a2 1> f 1> g");
	check_canon("X=1", "X=1");
	check_canon("> f", "1> f");
	check_canon("\tcat\t<\tf\t", "cat 0< f");

	/* The fields behind the canonical form. */
	CHECK_EQ(nb_parse("A=1 B=2 cmd x y | z && q", &sc, NULL, 0), 0);
	CHECK_EQ(sc.npipes, 2);
	CHECK_EQ(sc.pipes[0].ncmds, 2);
	CHECK_EQ(sc.pipes[0].join, NB_J_SEQ);
	CHECK_EQ(sc.pipes[1].join, NB_J_AND);
	CHECK_EQ(sc.pipes[1].first_cmd, 2);
	CHECK_EQ(sc.cmds[0].nassign, 2);
	CHECK_EQ(sc.cmds[0].nwords, 3);
	CHECK_EQ(sc.cmds[0].first_word, 2);
	CHECK_EQ(sc.cmds[1].first_word, 5);
	CHECK_EQ(sc.nwords, 7);
	/* An assignment after the command word is an argument. */
	CHECK_EQ(nb_parse("cmd A=1", &sc, NULL, 0), 0);
	CHECK_EQ(sc.cmds[0].nassign, 0);
	CHECK_EQ(sc.cmds[0].nwords, 2);

	CHECK_EQ(nb_assign_name("A_1=x", 5), 3);
	CHECK_EQ(nb_assign_name("_=", 2), 1);
	CHECK_EQ(nb_assign_name("1A=x", 4), 0);
	CHECK_EQ(nb_assign_name("=x", 2), 0);
	CHECK_EQ(nb_assign_name("A", 1), 0);
	CHECK_EQ(nb_assign_name("'A'=x", 5), 0);
}

void
test_nbsyntax_errors(void)
{
	static const char *const cases[][2] = {
		{ "| a", "syntax error near '|'" },
		{ "a |", "syntax error near '|'" },
		{ "a | | b", "syntax error near '|'" },
		{ "a &&", "syntax error near '&&'" },
		{ "a ||", "syntax error near '||'" },
		{ "a && ; b", "syntax error near ';'" },
		{ "; a", "syntax error near ';'" },
		{ "a ;; b", "syntax error near ';'" },
		{ "a & b", "syntax error near '&'" },
		{ "a >", "syntax error near '>'" },
		{ "a 2>> | b", "syntax error near '|'" },
		{ "a < ;", "syntax error near ';'" },
		{ "a >&x", "syntax error near '>&'" },
		{ "a 2>&12", "syntax error near '2>&'" },
		{ "a 'b", "unterminated quote" },
		{ "a \"b\\\"", "unterminated quote" },
		{ "echo ${", "bad substitution '${'" },
		{ "echo ${1}", "bad substitution '${1}'" },
		{ "echo \"${A B}\"", "bad substitution '${A'" },
		{ "echo ${A", "bad substitution '${A'" },
		{ "echo 10>f", "descriptor 10 out of range (0 to 9)" },
		{ "echo a\\", "a backslash ends the line (there is no next "
		    "line to join)" },
	};
	char err[8];

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char want[128];

		snprintf(want, sizeof(want), "error: %s", cases[i][1]);
		check_canon(cases[i][0], want);
	}
	/* The message is cut to the buffer, and always ended. */
	CHECK_EQ(nb_parse("| a", &sc, err, sizeof(err)), NB_ESYNTAX);
	CHECK_STREQ(err, "syntax ");
	CHECK_EQ(nb_parse("a 'b", &sc, NULL, 0), NB_ESYNTAX);
}

/* `n` times `unit`, joined by `sep`, then `tail`. */
static const char *
repeat(const char *unit, const char *sep, int n, const char *tail)
{
	static char line[8192];

	line[0] = '\0';
	for (int i = 0; i < n; i++) {
		if (i)
			strcat(line, sep);
		strcat(line, unit);
	}
	strcat(line, tail);
	return line;
}

void
test_nbsyntax_limits(void)
{
	CHECK_EQ(nb_parse(repeat("w", " ", NB_MAX_WORDS, ""), &sc, NULL, 0), 0);
	check_canon(repeat("w", " ", NB_MAX_WORDS + 1, ""),
	    "error: too many words (at most 63)");
	/* Targets and assignments are words too. */
	check_canon(repeat("A=1", " ", NB_MAX_WORDS, " >f"),
	    "error: too many words (at most 63)");
	CHECK_EQ(nb_parse(repeat("c", ";", NB_MAX_CMDS, ""), &sc, NULL, 0), 0);
	CHECK_EQ(sc.npipes, NB_MAX_CMDS);
	check_canon(repeat("c", ";", NB_MAX_CMDS + 1, ""),
	    "error: too many commands (at most 16)");
	check_canon(repeat("c | c", " && ", NB_MAX_CMDS / 2, " || c"),
	    "error: too many commands (at most 16)");
	CHECK_EQ(nb_parse(repeat("c", "|", NB_MAX_PIPE, ""), &sc, NULL, 0), 0);
	CHECK_EQ(sc.pipes[0].ncmds, NB_MAX_PIPE);
	check_canon(repeat("c", "|", NB_MAX_PIPE + 1, ""),
	    "error: pipeline too long (at most 8 commands)");
	CHECK_EQ(nb_parse(repeat("2>&1", " ", NB_MAX_REDIRS, ""), &sc, NULL, 0),
	    0);
	check_canon(repeat("2>&1", " ", NB_MAX_REDIRS + 1, ""),
	    "error: too many redirections (at most 8 per command)");
	check_canon("a 9>f 0<g", "a 9> f 0< g");
}

/* Variables for expansion: A=1, EMPTY=, SP="x y". */
static const char *
lookup(void *ctx, const char *name, size_t len)
{
	static const char *const vars[][2] = { { "A", "1" }, { "EMPTY", "" },
		{ "SP", "x y" }, { "LONG", NULL } };

	for (size_t i = 0; i < sizeof(vars) / sizeof(vars[0]); i++) {
		if (strlen(vars[i][0]) == len && !memcmp(vars[i][0], name, len))
			return vars[i][1] ? vars[i][1] : ctx;
	}
	return NULL;
}

/* The words `line`'s first command expands to, joined by '|'. */
static const char *
expand(const char *line, int status, const char *longval)
{
	static char out[8192];
	static struct nb_expanded ex;
	struct nb_vars_view v = { lookup, (void *)longval, status };

	out[0] = '\0';
	if (nb_parse(line, &sc, NULL, 0) != 0 || sc.ncmds == 0)
		return "(parse)";
	if (nb_expand_command(&sc, 0, &v, &ex) != 0)
		return "(too long)";
	for (int i = 0; i < ex.nassign; i++) {
		strcat(out, ex.assign[i]);
		strcat(out, "|");
	}
	for (int i = 0; i < ex.argc; i++) {
		strcat(out, ex.argv[i]);
		strcat(out, "|");
	}
	for (int i = 0; i < sc.cmds[0].nredir; i++) {
		strcat(out, ex.target[i] ? ex.target[i] : "(dup)");
		strcat(out, "|");
	}
	CHECK(ex.argv[ex.argc] == NULL);
	return out;
}

static void
check_expand(const char *line, int status, const char *want)
{
	test_note("line \"%s\"", line);
	CHECK_STREQ(expand(line, status, "v"), want);
}

void
test_nbsyntax_expand(void)
{
	check_expand("echo $A ${A}b $Ab $? x$?y", 42, "echo|1|1b|42|x42y|");
	check_expand("echo \"$A $SP\" '$A' \\$A \"\\$A\" \"\\a\"", 0,
	    "echo|1 x y|$A|$A|$A|\\a|");
	check_expand("echo $SP", 0, "echo|x y|");		/* not split */
	check_expand("echo $NONE $EMPTY a$NONE", 0, "echo|a|");
	check_expand("echo \"$NONE\" ''", 0, "echo|||");	/* kept */
	check_expand("echo $ a$ $. $1 '\\' \"it's\"", -1,
	    "echo|$|a$|$.|$1|\\|it's|");
	check_expand("X=$A Y='a b' cmd >$A 2>&1 <\"$SP\"", 0,
	    "X=1|Y=a b|cmd|1|(dup)|x y|");
	check_expand("a\\ b c\\d", 0, "a b|cd|");
	check_expand("echo $?", 2147483647, "echo|2147483647|");

	/* The expanded text has a limit: right at it, and one past. */
	char longval[NB_EXPAND_MAX];
	size_t fits = NB_EXPAND_MAX - 3;	/* "e" NUL, value, NUL */

	memset(longval, 'v', sizeof(longval));
	longval[fits] = '\0';
	CHECK_EQ(strlen(expand("e $LONG", 0, longval)), 2 + fits + 1);
	longval[fits] = 'v';
	longval[fits + 1] = '\0';
	CHECK_STREQ(expand("e $LONG", 0, longval), "(too long)");
}

static const char *
env_line(struct nb_vars *vs, char *const assign[], int nassign, int max)
{
	static char out[4096];
	char *envp[NB_ENV_MAX + 1];
	int n = nb_env_build(vs, assign, nassign, envp, max);

	if (n < 0)
		return "(too many)";
	out[0] = '\0';
	for (int i = 0; i < n; i++) {
		strcat(out, envp[i]);
		strcat(out, " ");
	}
	CHECK(envp[n] == NULL);
	return out;
}

void
test_nbsyntax_vars(void)
{
	static struct nb_vars vs;
	char *assign[] = { "B=temp", "NEW=n", "NEW=m" };
	char name[16], value[NB_VAR_MAX];

	memset(&vs, 0, sizeof(vs));
	CHECK_EQ(nb_var_set(&vs, "A", 1, "1", 1), 0);
	CHECK_EQ(nb_var_set(&vs, "B", 1, "2", 0), 0);
	CHECK_EQ(nb_var_set(&vs, "AB", 2, "3", 0), 0);
	CHECK_STREQ(nb_var_get(&vs, "A", 1), "1");
	CHECK_STREQ(nb_var_get(&vs, "AB", 2), "3");
	CHECK(nb_var_get(&vs, "C", 1) == NULL);
	CHECK_STREQ(env_line(&vs, NULL, 0, 33), "A=1 ");
	CHECK_EQ(nb_var_export(&vs, "B", 1), 0);
	CHECK_EQ(nb_var_set(&vs, "B", 1, "22", 0), 0);	/* stays exported */
	CHECK_STREQ(env_line(&vs, NULL, 0, 33), "A=1 B=22 ");
	/* A command's own NAME=value wins, the last of a name counts, and
	 * the shell's variables stay as they were. */
	CHECK_STREQ(env_line(&vs, assign, 3, 33), "A=1 B=temp NEW=m ");
	CHECK_STREQ(nb_var_get(&vs, "B", 1), "22");
	CHECK_STREQ(env_line(&vs, assign, 3, 4), "A=1 B=temp NEW=m ");
	CHECK_STREQ(env_line(&vs, assign, 3, 3), "(too many)");
	CHECK_STREQ(env_line(&vs, NULL, 0, 2), "(too many)");

	/* Exported before it has a value: not in the environment yet. */
	CHECK_EQ(nb_var_export(&vs, "LATER", 5), 0);
	CHECK(nb_var_get(&vs, "LATER", 5) == NULL);
	CHECK_STREQ(env_line(&vs, NULL, 0, 33), "A=1 B=22 ");
	CHECK_EQ(nb_var_set(&vs, "LATER", 5, "", 0), 0);
	CHECK_STREQ(env_line(&vs, NULL, 0, 33), "A=1 B=22 LATER= ");
	nb_var_unset(&vs, "A", 1);
	nb_var_unset(&vs, "NOPE", 4);
	CHECK(nb_var_get(&vs, "A", 1) == NULL);
	CHECK_STREQ(env_line(&vs, NULL, 0, 33), "B=22 LATER= ");

	/* "NAME=value" fills NB_VAR_MAX - 1 bytes at most. */
	memset(value, 'v', sizeof(value));
	value[NB_VAR_MAX - 3] = '\0';
	CHECK_EQ(nb_var_set(&vs, "V", 1, value, 0), 0);
	value[NB_VAR_MAX - 3] = 'v';
	value[NB_VAR_MAX - 2] = '\0';
	CHECK_EQ(nb_var_set(&vs, "V", 1, value, 0), NB_VTOOLONG);
	CHECK_EQ(strlen(nb_var_get(&vs, "V", 1)), NB_VAR_MAX - 3);
	CHECK_EQ(nb_var_export(&vs, value, NB_VAR_MAX - 1), NB_VTOOLONG);

	/* Full: a new name is refused, an old one can still change. */
	for (int i = 0; i < NB_MAX_VARS; i++) {
		snprintf(name, sizeof(name), "N%d", i);
		nb_var_set(&vs, name, strlen(name), "x", 0);
	}
	CHECK_EQ(nb_var_set(&vs, "N99", 3, "x", 0), NB_VFULL);
	CHECK_EQ(nb_var_export(&vs, "N99", 3), NB_VFULL);
	CHECK_EQ(nb_var_set(&vs, "B", 1, "again", 0), 0);
	CHECK_STREQ(nb_var_get(&vs, "B", 1), "again");

	CHECK(nb_var_name("_a1"));
	CHECK(!nb_var_name("1a"));
	CHECK(!nb_var_name(""));
	CHECK(!nb_var_name("a-b"));
	CHECK(!nb_var_name("a=b"));
}

/* One line per command: its steps, as "fd<-what". */
static const char *
plan_text(const char *line)
{
	static char out[2048];
	static struct nb_plan p;
	static struct nb_expanded ex[NB_MAX_PIPE];
	struct nb_vars_view v = { lookup, "v", 0 };
	const struct nb_pipeline *pl;

	if (nb_parse(line, &sc, NULL, 0) != 0)
		return "(parse)";
	pl = &sc.pipes[0];
	nb_plan_start(&p, pl->ncmds);
	for (int i = 0; i < pl->ncmds; i++) {
		nb_expand_command(&sc, pl->first_cmd + i, &v, &ex[i]);
		nb_plan_command(&p, i, &sc.cmds[pl->first_cmd + i], &ex[i]);
	}
	snprintf(out, sizeof(out), "%d pipes%s", p.npipes,
	    nb_plan_needed(&p) ? "" : ", nothing to do");
	for (int i = 0; i < p.ncmds; i++) {
		strcat(out, "\n");
		for (int s = 0; s < p.cmd[i].nsteps; s++) {
			const struct nb_step *st = &p.cmd[i].step[s];
			char step[64];

			if (st->op == NB_S_PIPE)
				snprintf(step, sizeof(step), "%d<-pipe%d.%s ",
				    st->fd, st->pipe, st->end ? "w" : "r");
			else if (st->op == NB_S_CLOSE_PIPES)
				snprintf(step, sizeof(step), "close ");
			else if (st->op == NB_S_DUP)
				snprintf(step, sizeof(step), "%d<-%d ",
				    st->fd, st->from);
			else
				snprintf(step, sizeof(step), "%d<-%s:%x ",
				    st->fd, st->path, st->flags);
			strcat(out, step);
		}
	}
	return out;
}

void
test_nbsyntax_plan(void)
{
	CHECK_STREQ(plan_text("cmd a b"), "0 pipes, nothing to do\n");
	CHECK_STREQ(plan_text("X=1 cmd"), "0 pipes, nothing to do\n");
	CHECK_STREQ(plan_text("cmd <in >out 2>>err"),
	    "0 pipes\n0<-in:0 1<-out:241 2<-err:441 ");
	CHECK_STREQ(plan_text("cmd 2>&1 >$A"), "0 pipes\n2<-1 1<-1:241 ");
	CHECK_STREQ(plan_text("a <in | b 2>&1 | c >>\"$SP\""),
	    "2 pipes\n"
	    "1<-pipe0.w close 0<-in:0 \n"
	    "0<-pipe0.r 1<-pipe1.w close 2<-1 \n"
	    "0<-pipe1.r close 1<-x y:441 ");
	CHECK_STREQ(plan_text("a | b"),
	    "1 pipes\n1<-pipe0.w close \n0<-pipe0.r close ");
	CHECK_EQ(NX_O_WRONLY | NX_O_CREAT | NX_O_TRUNC, 0x241);
	CHECK_EQ(NX_O_WRONLY | NX_O_CREAT | NX_O_APPEND, 0x441);
}

/* Random lines of shell pieces: parsing the canonical form of a line
 * gives the same canonical form, and the form fits its bound. */
void
test_nbsyntax_roundtrip(void)
{
	static const char *const pieces[] = { "a", "bc", " ", "\t", "|", "||",
		"&&", ";", "&", "<", ">", ">>", "2>", "2>&1", ">&2", "0<&3",
		"'", "\"", "\\", "$", "${A}", "$?", "X=", "=", "#", "9", "1",
		"{", "}", "x y" };
	unsigned seed = 99;
	int parsed = 0;

	for (int round = 0; round < 20000; round++) {
		char line[256] = "", first[1024], again[1024];
		int n = 1 + round % 24;
		size_t need;

		for (int k = 0; k < n; k++) {
			seed = seed * 1103515245u + 12345u;
			strcat(line, pieces[(seed >> 16) %
			    (sizeof(pieces) / sizeof(pieces[0]))]);
		}
		if (nb_parse(line, &sc, NULL, 0) != 0)
			continue;
		parsed++;
		need = nb_unparse(&sc, first, sizeof(first));
		CHECK(need <= 2 * strlen(line) + 2);
		test_note("line \"%s\" as \"%s\"", line, first);
		if (!CHECK_EQ(nb_parse(first, &sc, NULL, 0), 0))
			return;
		nb_unparse(&sc, again, sizeof(again));
		test_note("line \"%s\"", line);
		if (!CHECK_STREQ(again, first))
			return;
	}
	CHECK(parsed > 2000);		/* the pieces make lines that parse */
}
