/* execve: a script, a native program, one from a current directory
 * whose path leaves no room for the program's name in a path of 255
 * characters, and what must fail (garbage, a missing file, a missing
 * interpreter, a #! loop, wild pointers), each from a forked child
 * whose status the parent prints. */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

static void
try(const char *path, char **argv)
{
	char *envp[] = { "WHO=execs", NULL };
	pid_t pid;
	int st;

	pid = fork();
	if (pid == 0) {
		execve(path, argv, envp);
		printf("execve %s: %s\n", path, strerror(errno));
		_exit(99);
	}
	waitpid(pid, &st, 0);
	printf("-- %s: exited %d\n", path, WEXITSTATUS(st));
}

/* /bin/exit7 run as ./x from a directory whose path is 254 characters:
 * the path of x would be 256, over rumpk's limit, and it runs all the
 * same (a relative path needs no room for the whole). */
static void
deep(void)
{
	char dir[300], name[64];
	int depth = 0;

	strcpy(dir, "/data");
	while (strlen(dir) < 254) {
		size_t room = 254 - strlen(dir) - 1;
		size_t n = room < 62 ? room : 62;

		memset(name, 'd', n);
		name[n] = '\0';
		strcat(dir, "/");
		strcat(dir, name);
		if (mkdir(dir, 0755) < 0)
			printf("mkdir: %s\n", strerror(errno));
		depth++;
	}
	if (chdir(dir) < 0 || link("/bin/exit7", "x") < 0)
		printf("deep: %s\n", strerror(errno));
	try("./x", (char *[]){ "x", NULL });
	unlink("x");
	chdir("/");
	for (; depth > 0; depth--) {
		rmdir(dir);
		*strrchr(dir, '/') = '\0';
	}
}

int
main(int argc, char **argv)
{
	char *args[] = { "x", "one", "two", NULL };
	char *wild[] = { "x", (char *)16, NULL };

	setvbuf(stdout, NULL, _IONBF, 0);
	if (argc > 1 && strcmp(argv[1], "args") == 0) {
		/* Run as an interpreter: show what it was given. */
		for (int i = 0; i < argc; i++)
			printf("argv[%d] = %s\n", i, argv[i]);
		return 3;
	}
	try("/data/script.sh", args);
	try("/bin/hello", args);
	deep();
	try("/data/garbage", args);
	try("/data/missing", args);
	try("/data/nointerp.sh", args);
	try("/data/loop.sh", args);
	try("/data/script.sh", wild);
	try("/data/script.sh", (char **)16);
	return 0;
}
