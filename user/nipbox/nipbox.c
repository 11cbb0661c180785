/*
 * NipBox, the rumpk shell.  An ordinary program of the archive: it reads a
 * line, runs a builtin, or runs /bin/<name> (or a path) in its place; the
 * kernel starts NipBox again when that program ends.
 */
#include <string.h>

#include "libnexus.h"

#define LINE_MAX	256
#define MAX_WORDS	32

struct builtin {
	const char *name;
	const char *help;
	int (*run)(int argc, char **argv);
};

static int cmd_help(int argc, char **argv);

static int
cmd_poweroff(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	nx_poweroff();
}

static int
cmd_ion(int argc, char **argv)
{
	NxIonStat st;
	long r = nx_ion_stat(&st);

	(void)argc;
	(void)argv;
	if (r < 0) {
		nx_printf("ion: %s\n", nx_strerror(r));
		return 1;
	}
	nx_printf("ion: %u of %u packets free\n", st.free, st.total);
	nx_printf("ion: nipbox holds %u of its %u; rx ring %u queued, "
	    "tx ring %u queued; %u input bytes held by the kernel\n",
	    st.my_total - st.my_free, st.my_total, st.rx_queued, st.tx_queued,
	    st.console_held);
	return 0;
}

static unsigned
to_number(const char *s, int *ok)
{
	unsigned v = 0;

	*ok = *s != '\0';
	for (; *s; s++) {
		if (*s < '0' || *s > '9' || v > 100000) {
			*ok = 0;
			return 0;
		}
		v = v * 10 + (unsigned)(*s - '0');
	}
	return v;
}

static void
print_entry(const NxAuditEntry *e)
{
	nx_printf("%6lu  subject %-3u seq %-5u cmd 0x%03x  result %-6ld "
	    "tag %02x%02x%02x%02x%02x%02x%02x%02x\n",
	    (unsigned long)e->number, e->subject, e->seq, e->kind,
	    (long)e->result, e->tag[0], e->tag[1], e->tag[2], e->tag[3],
	    e->tag[4], e->tag[5], e->tag[6], e->tag[7]);
}

static int
cmd_audit(int argc, char **argv)
{
	static NxAuditEntry entries[64];
	unsigned want = 10;
	uint32_t held;
	int64_t broken;
	int ok = 1;
	long n;

	if (argc > 1)
		want = to_number(argv[1], &ok);
	if (!ok || argc > 2) {
		nx_print("usage: audit [N]   (N up to 64)\n");
		return 2;
	}
	if (want > 64)
		want = 64;
	n = nx_audit(entries, want, &held, &broken);
	if (n < 0) {
		nx_printf("audit: %s\n", nx_strerror(n));
		return 1;
	}
	for (long i = 0; i < n; i++)
		print_entry(&entries[i]);
	if (broken >= 0) {
		nx_printf("audit: chain BROKEN at entry %ld\n", (long)broken);
		return 1;
	}
	nx_printf("audit: %u entries, chain ok\n", held);
	return 0;
}

static int
cmd_uptime(int argc, char **argv)
{
	int64_t ns = nx_uptime_ns();

	(void)argc;
	(void)argv;
	nx_printf("up %ld.%03ld s\n", (long)(ns / 1000000000),
	    (long)(ns / 1000000 % 1000));
	return 0;
}

static const struct builtin builtins[] = {
	{ "help", "list the builtins", cmd_help },
	{ "ion", "show ION packet use", cmd_ion },
	{ "audit", "audit [N]: the last N commands and the chain check",
	    cmd_audit },
	{ "uptime", "time since boot", cmd_uptime },
	{ "poweroff", "end the machine", cmd_poweroff },
};

#define NBUILTINS (sizeof(builtins) / sizeof(builtins[0]))

static int
cmd_help(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	nx_print("NipBox builtins:\n");
	for (unsigned i = 0; i < NBUILTINS; i++)
		nx_printf("  %-10s %s\n", builtins[i].name, builtins[i].help);
	nx_print("Any other word runs /bin/<word>; a path runs that file.\n");
	return 0;
}

/* Reads one line with echo and backspace; returns its length. */
static size_t
read_line(char *line, size_t max)
{
	size_t len = 0;
	char c;

	for (;;) {
		if (nx_read(&c, 1) != 1)
			continue;
		if (c == '\r' || c == '\n') {
			nx_print("\n");
			line[len] = '\0';
			return len;
		}
		if (c == 0x7f || c == '\b') {
			if (len > 0) {
				len--;
				nx_print("\b \b");
			}
		} else if (c == 0x03) {		/* Ctrl-C: drop the line */
			nx_print("^C\n");
			line[0] = '\0';
			return 0;
		} else if (c >= ' ' && c < 0x7f && len + 1 < max) {
			line[len++] = c;
			nx_write(&c, 1);
		}
	}
}

static int
split(char *line, char **words, int max)
{
	int n = 0;

	while (*line && n < max - 1) {
		while (*line == ' ' || *line == '\t')
			*line++ = '\0';
		if (!*line)
			break;
		words[n++] = line;
		while (*line && *line != ' ' && *line != '\t')
			line++;
	}
	words[n] = NULL;
	return n;
}

static void
run_program(char **argv)
{
	char path[NX_PATH_MAX], why[160];
	const char *name = argv[0];
	long r;

	if (strchr(name, '/'))
		strncpy(path, name, sizeof(path) - 1);
	else {
		strcpy(path, "/bin/");
		strncpy(path + 5, name, sizeof(path) - 6);
	}
	path[sizeof(path) - 1] = '\0';
	r = nx_exec(path, argv, NULL, NX_EXEC_REPLACE, why, sizeof(why));
	if (r == NX_ENOENT && !strchr(name, '/'))
		nx_printf("nipbox: %s: command not found\n", name);
	else if (r == NX_ENOENT)
		nx_printf("nipbox: %s: No such file or directory\n", name);
	else
		nx_printf("exec: %s: %s\n", path, why[0] ? why :
		    nx_strerror(r));
}

static void
run_line(char *line)
{
	char *argv[MAX_WORDS];
	int argc = split(line, argv, MAX_WORDS);

	if (argc == 0)
		return;
	for (unsigned i = 0; i < NBUILTINS; i++) {
		if (strcmp(argv[0], builtins[i].name) == 0) {
			builtins[i].run(argc, argv);
			return;
		}
	}
	run_program(argv);
}

int
main(void)
{
	char line[LINE_MAX];

	for (;;) {
		nx_print("nipbox:/$ ");
		read_line(line, sizeof(line));
		run_line(line);
	}
}
