/*
 * The terminal as a Linux program sees it: termios, canonical and raw
 * reads, VMIN/VTIME, the window size, FIONREAD, and the session and
 * process-group calls with their errors.  tests/e2e/test_tty.py types at
 * it; "ready" says the settings are in place and typing may start.
 *	tty get|line|eof|raw|poll|timeout|winsize|fionread|session|notty|
 *	    leave|fg
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <termios.h>
#include <unistd.h>

static void
ready(void)
{
	printf("ready\n");
	fflush(stdout);
}

/* A read's bytes with \n, \r and control bytes spelt out. */
static void
show_read(const char *what, const char *buf, ssize_t n)
{
	printf("%s %zd:", what, n);
	for (ssize_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)buf[i];

		if (c == '\n')
			printf(" \\n");
		else if (c < 0x20 || c >= 0x7f)
			printf(" %02x", c);
		else
			printf(" %c", c);
	}
	printf("\n");
}

static const char *
err(long r)
{
	if (r >= 0)
		return "ok";
	switch (errno) {
	case EPERM: return "EPERM";
	case ESRCH: return "ESRCH";
	case EINVAL: return "EINVAL";
	case ENOTTY: return "ENOTTY";
	default: return strerror(errno);
	}
}

static int
get(void)
{
	struct termios t;

	if (tcgetattr(0, &t) != 0) {
		perror("tcgetattr");
		return 1;
	}
	printf("iflag %#x oflag %#x cflag %#x lflag %#x\n", t.c_iflag,
	    t.c_oflag, t.c_cflag, t.c_lflag);
	printf("intr %d quit %d erase %d kill %d eof %d susp %d werase %d "
	    "min %d time %d\n", t.c_cc[VINTR], t.c_cc[VQUIT], t.c_cc[VERASE],
	    t.c_cc[VKILL], t.c_cc[VEOF], t.c_cc[VSUSP], t.c_cc[VWERASE],
	    t.c_cc[VMIN], t.c_cc[VTIME]);
	return 0;
}

/* Two reads of a cooked terminal: a line each. */
static int
line(int reads)
{
	char buf[100];

	ready();
	for (int i = 0; i < reads; i++) {
		ssize_t n = read(0, buf, sizeof(buf));

		show_read("read", buf, n);
		fflush(stdout);
	}
	return 0;
}

static int
set_raw(struct termios *saved, int min, int time)
{
	struct termios t;

	if (tcgetattr(0, saved) != 0)
		return 1;
	t = *saved;
	t.c_lflag &= ~(ICANON | ECHO);
	t.c_cc[VMIN] = (cc_t)min;
	t.c_cc[VTIME] = (cc_t)time;
	return tcsetattr(0, TCSANOW, &t);
}

static int
restore(const struct termios *saved)
{
	struct termios t;

	tcsetattr(0, TCSANOW, saved);
	tcgetattr(0, &t);
	printf("restored lflag %#x\n", t.c_lflag);
	return 0;
}

/* Raw, VMIN 1: bytes as they come, nothing edited or echoed. */
static int
raw(void)
{
	struct termios saved;
	char buf[8];
	ssize_t got = 0;

	if (set_raw(&saved, 1, 0))
		return 1;
	ready();
	while (got < 3) {
		ssize_t n = read(0, buf + got, sizeof(buf) - (size_t)got);

		if (n <= 0)
			break;
		got += n;
	}
	show_read("raw", buf, got);
	return restore(&saved);
}

/* VMIN 0, VTIME 0: a read that finds nothing returns 0 at once. */
static int
poll_read(void)
{
	struct termios saved;
	char c;

	if (set_raw(&saved, 0, 0))
		return 1;
	printf("poll %zd\n", read(0, &c, 1));
	return restore(&saved);
}

/* VMIN 0, VTIME 1: 0 once a tenth of a second passed with nothing;
 * VTIME 255: the byte typed before the timer runs out. */
static int
timeout(void)
{
	struct termios saved;
	char buf[4];
	ssize_t n;

	if (set_raw(&saved, 0, 1))
		return 1;
	printf("timed out %zd\n", read(0, buf, sizeof(buf)));
	set_raw(&(struct termios){ 0 }, 0, 255);
	ready();
	n = read(0, buf, sizeof(buf));
	show_read("timed", buf, n);
	return restore(&saved);
}

static int
winsize(void)
{
	struct winsize w, big = { .ws_row = 30, .ws_col = 100 };

	ioctl(0, TIOCGWINSZ, &w);
	printf("size %dx%d\n", w.ws_row, w.ws_col);
	printf("set: %s\n", err(ioctl(0, TIOCSWINSZ, &big)));
	ioctl(0, TIOCGWINSZ, &big);
	printf("size %dx%d\n", big.ws_row, big.ws_col);
	ioctl(0, TIOCSWINSZ, &w);
	return 0;
}

/* One byte of a line read; FIONREAD counts the rest. */
static int
fionread(void)
{
	char buf[16];
	int left = -1;

	ready();
	show_read("first", buf, read(0, buf, 1));
	printf("fionread: %s %d\n", err(ioctl(0, FIONREAD, &left)), left);
	show_read("rest", buf, read(0, buf, sizeof(buf)));
	return 0;
}

static int
session(void)
{
	pid_t me = getpid(), parent = getppid();

	printf("pgid is pid: %s\n", getpgid(0) == me ? "yes" : "no");
	printf("sid is the parent's: %s\n",
	    getsid(0) == getsid(parent) ? "yes" : "no");
	printf("foreground is mine: %s\n", tcgetpgrp(0) == me ? "yes" : "no");
	printf("setsid as group leader: %s\n", err(setsid()));
	printf("setpgid self: %s\n", err(setpgid(0, 0)));
	printf("setpgid -1: %s\n", err(setpgid(0, -1)));
	printf("setpgid no such pid: %s\n", err(setpgid(99999, 0)));
	printf("setpgid the parent: %s\n", err(setpgid(parent, parent)));
	printf("setpgid no such group: %s\n", err(setpgid(0, 99999)));
	printf("getpgid no such pid: %s\n", err(getpgid(99999)));
	printf("getsid no such pid: %s\n", err(getsid(99999)));
	printf("tcsetpgrp no such group: %s\n", err(tcsetpgrp(0, 99999)));
	printf("tcsetpgrp -1: %s\n", err(tcsetpgrp(0, -1)));
	printf("tcsetpgrp mine: %s\n", err(tcsetpgrp(0, me)));
	/* Into the parent's group: no longer a leader, so setsid works. */
	printf("setpgid into the parent's group: %s\n",
	    err(setpgid(0, getpgid(parent))));
	printf("pgid is the parent's: %s\n",
	    getpgid(0) == getpgid(parent) ? "yes" : "no");
	printf("setsid: %s\n", setsid() == me ? "pid" : err(-1));
	printf("sid and pgid are pid: %s\n",
	    getsid(0) == me && getpgid(0) == me ? "yes" : "no");
	printf("setpgid as session leader: %s\n", err(setpgid(0, 0)));
	printf("tcgetpgrp from another session: %s\n", err(tcgetpgrp(0)));
	printf("tcsetpgrp from another session: %s\n",
	    err(tcsetpgrp(0, me)));
	return 0;
}

/* Takes the terminal for its group, leaves a child sleeping in that
 * group, and ends: the choice must not outlive the shell that made it. */
static int
leave(void)
{
	pid_t child = fork();

	if (child == 0) {
		sleep(20);
		_exit(0);
	}
	printf("tcsetpgrp mine, child left: %s\n",
	    child > 0 ? err(tcsetpgrp(0, getpid())) : "fork failed");
	return 0;
}

/* What a job-control shell asks first (tests/programs/pipecheck.c
 * starts it without waiting for it). */
static int
foreground(void)
{
	printf("foreground is mine: %s\n",
	    tcgetpgrp(0) == getpgrp() ? "yes" : "no");
	return 0;
}

static int
notty(void)
{
	struct termios t;
	int fd = open("/dev/null", O_RDWR);

	printf("tcgetattr /dev/null: %s\n", err(tcgetattr(fd, &t)));
	printf("tcgetpgrp /dev/null: %s\n", err(tcgetpgrp(fd)));
	return 0;
}

int
main(int argc, char **argv)
{
	static const struct {
		const char *name;
		int (*fn)(void);
	} cmds[] = {
		{ "get", get }, { "raw", raw }, { "poll", poll_read },
		{ "timeout", timeout }, { "winsize", winsize },
		{ "fionread", fionread }, { "session", session },
		{ "notty", notty }, { "leave", leave }, { "fg", foreground },
	};

	setvbuf(stdout, NULL, _IOLBF, 0);
	if (argc == 2 && strcmp(argv[1], "line") == 0)
		return line(2);
	if (argc == 2 && strcmp(argv[1], "eof") == 0)
		return line(1);
	for (unsigned i = 0; argc == 2 && i < sizeof(cmds) / sizeof(cmds[0]);
	    i++) {
		if (strcmp(argv[1], cmds[i].name) == 0)
			return cmds[i].fn();
	}
	fprintf(stderr, "usage: tty get|line|eof|raw|poll|timeout|winsize|"
	    "fionread|session|notty|leave|fg\n");
	return 2;
}
