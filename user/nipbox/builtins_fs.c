/* NipBox's file builtins: ls, cat, cd, pwd. */
#include <string.h>

#include "nipbox.h"

static char
type_char(uint32_t type)
{
	switch (type) {
	case NX_DT_FILE: return '-';
	case NX_DT_DIR: return 'd';
	case NX_DT_SYMLINK: return 'l';
	case NX_DT_CHAR: return 'c';
	case NX_DT_BLOCK: return 'b';
	case NX_DT_FIFO: return 'p';
	default: return '?';
	}
}

static void
show(const char *name, uint32_t type, uint64_t size, int longform)
{
	const char *mark = type == NX_DT_DIR ? "/" : "";

	if (longform)
		nx_printf("%c %10lu %s%s\n", type_char(type),
		    (unsigned long)size, name, mark);
	else
		nx_printf("%s%s\n", name, mark);
}

static int
list_dir(const char *path, int longform)
{
	NxDirent d;
	long fd = nx_open(path, NX_O_RDONLY | NX_O_DIRECTORY), r;

	if (fd < 0) {
		complain("ls", path, fd);
		return 1;
	}
	while ((r = nx_readdir(fd, &d)) != 0) {
		if (r < 0) {
			complain("ls", path, r);
			continue;
		}
		show(d.name, d.type, d.size, longform);
	}
	nx_close(fd);
	return 0;
}

static int
list(const char *path, int longform, int heading)
{
	NxStat st;
	long r = nx_stat(path, &st);

	if (r == NX_ENOENT && nx_lstat(path, &st) == 0) {
		show(path, st.type, st.size, longform);	/* dangling link */
		return 0;
	}
	if (r < 0) {
		complain("ls", path, r);
		return 1;
	}
	if (st.type != NX_DT_DIR) {
		show(path, st.type, st.size, longform);
		return 0;
	}
	if (heading)
		nx_printf("%s:\n", path);
	return list_dir(path, longform);
}

int
cmd_ls(int argc, char **argv)
{
	int longform = 0, first = 1, status = 0, npaths;

	if (argc > 1 && strcmp(argv[1], "-l") == 0) {
		longform = 1;
		first = 2;
	}
	npaths = argc - first;
	if (npaths == 0)
		return list(".", longform, 0);
	for (int i = first; i < argc; i++) {
		if (npaths > 1 && i > first)
			nx_print("\n");
		status |= list(argv[i], longform, npaths > 1);
	}
	return status;
}

static int
cat_one(const char *path)
{
	static char buf[4096];
	long fd = nx_open(path, NX_O_RDONLY), n;

	if (fd < 0) {
		complain("cat", path, fd);
		return 1;
	}
	while ((n = nx_fread(fd, buf, sizeof(buf))) > 0)
		nx_write(buf, (size_t)n);
	nx_close(fd);
	if (n < 0) {
		complain("cat", path, n);
		return 1;
	}
	return 0;
}

int
cmd_cat(int argc, char **argv)
{
	int status = 0;

	if (argc < 2) {
		nx_print("usage: cat file...\n");
		return 2;
	}
	for (int i = 1; i < argc; i++)
		status |= cat_one(argv[i]);
	return status;
}

int
cmd_cd(int argc, char **argv)
{
	const char *path = argc > 1 ? argv[1] : "/";
	long r;

	if (argc > 2) {
		nx_print("usage: cd [directory]\n");
		return 2;
	}
	r = nx_chdir(path);
	if (r < 0) {
		complain("cd", path, r);
		return 1;
	}
	return 0;
}

int
cmd_pwd(int argc, char **argv)
{
	char cwd[NX_PATH_MAX];

	(void)argc;
	(void)argv;
	if (nx_getcwd(cwd, sizeof(cwd)) < 0)
		return 1;
	nx_printf("%s\n", cwd);
	return 0;
}
