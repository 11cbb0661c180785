/* Line input for NipBox: echo, backspace, Ctrl-U, Ctrl-C. */
#include "nipbox.h"

static void
erase(size_t n)
{
	while (n--)
		nx_print("\b \b");
}

size_t
read_line(const char *prompt, char *line, size_t max)
{
	size_t len = 0;
	char c;

	nx_print(prompt);
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
				erase(1);
			}
		} else if (c == 0x15) {		/* Ctrl-U: erase the line */
			erase(len);
			len = 0;
		} else if (c == 0x03) {		/* Ctrl-C: drop the line */
			nx_print("^C\n");
			line[0] = '\0';
			return 0;
		} else if ((unsigned char)c >= ' ' && c != 0x7f &&
		    len + 1 < max) {
			line[len++] = c;
			nx_write(&c, 1);
		}
	}
}
