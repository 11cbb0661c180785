/*
 * Replays a fuzz target's regression inputs without libFuzzer, so that
 * `make test` runs them: each file in the directories given is read into a
 * buffer of exactly its size and handed to LLVMFuzzerTestOneInput, the
 * same entry the fuzzer calls, with the target's own invariant checks
 * (which abort) under ASan and UBSan.  The target is compiled with
 * -DNO_LIBFUZZER, which leaves out what only the fuzzer uses (a custom
 * mutator).  An input that runs longer than TIMEOUT seconds fails the run
 * too: the bug behind one of them was an endless loop.  A failure names
 * the input.
 *	replay_<target> NAME DIR...
 */
#include <dirent.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define TIMEOUT		60	/* seconds per input; a loaded machine is slow */
#define MAX_INPUTS	4096

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* For the timeout's message: set before each input, then not changed. */
static char current[4096];

static void
timeout(int sig)
{
	static const char msg[] = ": runs too long (an endless loop?)\n";

	(void)sig;
	if (write(STDOUT_FILENO, current, strlen(current)) < 0 ||
	    write(STDOUT_FILENO, msg, sizeof(msg) - 1) < 0)
		_exit(2);
	_exit(1);
}

/* A target's check that aborts says nothing itself: name the input, then
 * end as the signal would (SA_RESETHAND put its default action back). */
static void
failed(int sig)
{
	static const char msg[] = ": fails\n";

	if (write(STDOUT_FILENO, current, strlen(current)) < 0 ||
	    write(STDOUT_FILENO, msg, sizeof(msg) - 1) < 0)
		_exit(2);
	raise(sig);
}

static uint8_t *
read_input(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	uint8_t *buf = NULL;
	long size;

	if (!f)
		return NULL;
	if (fseek(f, 0, SEEK_END) == 0 && (size = ftell(f)) >= 0 &&
	    fseek(f, 0, SEEK_SET) == 0) {
		/* malloc(0) may give NULL; one spare byte ASan still guards. */
		buf = malloc((size_t)size ? (size_t)size : 1);
		if (buf && fread(buf, 1, (size_t)size, f) != (size_t)size) {
			free(buf);
			buf = NULL;
		}
		*len = (size_t)size;
	}
	fclose(f);
	return buf;
}

static int
by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Replays every regular file in `dir`, in name order; -1 on an error. */
static int
replay_dir(const char *name, const char *dir)
{
	char *names[MAX_INPUTS];
	struct dirent *e;
	int n = 0, done = 0;
	DIR *d = opendir(dir);

	if (!d) {
		printf("%s: cannot read %s\n", name, dir);
		return -1;
	}
	while ((e = readdir(d)) && n < MAX_INPUTS)
		if (e->d_name[0] != '.')
			names[n++] = strdup(e->d_name);
	closedir(d);
	qsort(names, (size_t)n, sizeof(names[0]), by_name);
	for (int i = 0; i < n; i++) {
		struct stat st;
		uint8_t *data;
		size_t len = 0;

		snprintf(current, sizeof(current), "%s: %s/%s", name, dir,
		    names[i]);
		free(names[i]);
		if (stat(current + strlen(name) + 2, &st) != 0 ||
		    !S_ISREG(st.st_mode))
			continue;
		data = read_input(current + strlen(name) + 2, &len);
		if (!data) {
			printf("%s: cannot read\n", current);
			return -1;
		}
		alarm(TIMEOUT);
		LLVMFuzzerTestOneInput(data, len);
		alarm(0);
		free(data);
		done++;
	}
	return done;
}

int
main(int argc, char **argv)
{
	struct sigaction sa;
	int total = 0;

	if (argc < 3) {
		fprintf(stderr, "usage: %s NAME DIR...\n", argv[0]);
		return 2;
	}
	/* sigaction, not signal(): the handler must stay for every alarm. */
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = timeout;
	sigaction(SIGALRM, &sa, NULL);
	sa.sa_handler = failed;
	sa.sa_flags = SA_RESETHAND;
	sigaction(SIGABRT, &sa, NULL);
	for (int i = 2; i < argc; i++) {
		int n = replay_dir(argv[1], argv[i]);

		if (n < 0)
			return 1;
		total += n;
	}
	if (total == 0) {
		/* A regression directory is never empty: a wrong path. */
		printf("%s: no inputs to replay\n", argv[1]);
		return 1;
	}
	printf("%s: %d regression inputs replayed, all pass\n", argv[1], total);
	return 0;
}
