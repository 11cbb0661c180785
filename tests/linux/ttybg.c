/*
 * A background process group at the terminal, as Linux's tty_check_change
 * treats it: a read gets SIGTTIN, or EIO when SIGTTIN is ignored or
 * blocked; with TOSTOP a write, and always a tcsetattr, gets SIGTTOU,
 * unless SIGTTOU is ignored or blocked (then it goes through); a handler
 * sees EINTR; by default the group stops.  tests/e2e/test_tty.py runs it.
 *	ttybg
 * The child in its own group reports through a pipe, so that its report
 * is not itself a background write.
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <termios.h>
#include <unistd.h>

static int out;		/* the child's report: the pipe */
static volatile sig_atomic_t caught;

static void
say(const char *what, long r)
{
	dprintf(out, "%s: %s\n", what, r >= 0 ? "ok" :
	    errno == EIO ? "EIO" : errno == EINTR ? "EINTR" : strerror(errno));
}

static void
on_signal(int sig)
{
	caught = sig;
}

static void
dispose(int sig, void (*how)(int))
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = how;
	sigaction(sig, &sa, NULL);
}

static void
block(int sig, int how)
{
	sigset_t set;

	sigemptyset(&set);
	sigaddset(&set, sig);
	sigprocmask(how, &set, NULL);
}

/* In a group of its own, so in the background. */
static void
child(void)
{
	struct termios t;
	char c;
	int tty = open("/dev/tty", O_RDWR);

	tcgetattr(tty, &t);
	dispose(SIGTTIN, SIG_IGN);
	say("read, SIGTTIN ignored", read(tty, &c, 1));
	dispose(SIGTTIN, SIG_DFL);
	block(SIGTTIN, SIG_BLOCK);
	say("read, SIGTTIN blocked", read(tty, &c, 1));
	block(SIGTTIN, SIG_UNBLOCK);
	dispose(SIGTTIN, on_signal);
	caught = 0;
	say("read, SIGTTIN caught", read(tty, &c, 1));
	dprintf(out, "handler ran: %s\n", caught == SIGTTIN ? "yes" : "no");

	dispose(SIGTTOU, SIG_IGN);
	say("write with TOSTOP, SIGTTOU ignored",
	    write(tty, "from the background\n", 20));
	say("tcsetattr, SIGTTOU ignored", tcsetattr(tty, TCSANOW, &t));
	dispose(SIGTTOU, on_signal);
	caught = 0;
	say("tcsetattr, SIGTTOU caught", tcsetattr(tty, TCSANOW, &t));
	dprintf(out, "handler ran: %s\n", caught == SIGTTOU ? "yes" : "no");
	dispose(SIGTTOU, SIG_DFL);
	dprintf(out, "tcsetattr by default:\n");
	tcsetattr(tty, TCSANOW, &t);
	dprintf(out, "continued\n");
	_exit(0);
}

/* Copies what the child reported so far (all of it once it is at EOF). */
static void
relay(int fd, int all)
{
	char buf[512];
	ssize_t n;

	fcntl(fd, F_SETFL, all ? 0 : O_NONBLOCK);
	while ((n = read(fd, buf, sizeof(buf))) > 0)
		fwrite(buf, 1, (size_t)n, stdout);
}

int
main(void)
{
	struct termios t, saved;
	int fds[2], status;
	pid_t pid;

	setvbuf(stdout, NULL, _IONBF, 0);
	/* As a shell does: it takes the terminal back from the background. */
	dispose(SIGTTOU, SIG_IGN);
	tcgetattr(0, &saved);
	t = saved;
	t.c_lflag |= TOSTOP;
	tcsetattr(0, TCSANOW, &t);
	if (pipe(fds) < 0)
		return 1;
	pid = fork();
	if (pid == 0) {
		close(fds[0]);
		out = fds[1];
		setpgid(0, 0);
		dispose(SIGTTOU, SIG_DFL);
		child();
	}
	close(fds[1]);
	setpgid(pid, pid);
	/* Everything up to the stop is in the pipe once it has stopped. */
	waitpid(pid, &status, WUNTRACED);
	relay(fds[0], 0);
	printf("stopped by %s\n", WIFSTOPPED(status) &&
	    WSTOPSIG(status) == SIGTTOU ? "SIGTTOU" : "something else");
	tcsetattr(0, TCSANOW, &saved);
	tcsetpgrp(0, pid);	/* in the foreground its tcsetattr goes on */
	kill(pid, SIGCONT);
	relay(fds[0], 1);
	waitpid(pid, &status, 0);
	tcsetpgrp(0, getpgrp());
	printf("child exited %d\n", WIFEXITED(status) ?
	    WEXITSTATUS(status) : -1);
	return 0;
}
