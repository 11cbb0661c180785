/* The kernel command line: flags and key=value words. */
#include <string.h>

#include "cmdline.h"
#include "test.h"

void
test_cmdline_words(void)
{
	CHECK(cmdline_has("panic-test", "panic-test"));
	CHECK(cmdline_has("fsmax=8 panic-test", "panic-test"));
	CHECK(cmdline_has("panic-test fsmax=8", "panic-test"));
	CHECK(!cmdline_has("panic-tests", "panic-test"));
	CHECK(!cmdline_has("xpanic-test", "panic-test"));
	CHECK(!cmdline_has("init=panic-test", "panic-test"));
	CHECK(!cmdline_has("", "panic-test"));
	CHECK(!cmdline_has(NULL, "panic-test"));
}

void
test_cmdline_values(void)
{
	char buf[16];

	memset(buf, 'x', sizeof(buf));
	CHECK_EQ(cmdline_value("init=/bin/sh", "init=", buf, sizeof(buf)), 7);
	CHECK_STREQ(buf, "/bin/sh");
	CHECK_EQ(cmdline_value("fsmax=8 init=/bin/a quiet", "init=", buf,
	    sizeof(buf)), 6);
	CHECK_STREQ(buf, "/bin/a");
	/* The last one counts, as when a boot loader appends one. */
	CHECK_EQ(cmdline_value("init=/a init=/bin/b", "init=", buf,
	    sizeof(buf)), 6);
	CHECK_STREQ(buf, "/bin/b");
	CHECK_EQ(cmdline_value("init=", "init=", buf, sizeof(buf)), 0);
	CHECK_STREQ(buf, "");
	CHECK_EQ(cmdline_value("xinit=/a", "init=", buf, sizeof(buf)), -1);
	CHECK_EQ(cmdline_value("init", "init=", buf, sizeof(buf)), -1);
	CHECK_EQ(cmdline_value(NULL, "init=", buf, sizeof(buf)), -1);
	/* 15 bytes and the NUL fit in 16; 16 do not. */
	CHECK_EQ(cmdline_value("init=/123456789abcde", "init=", buf,
	    sizeof(buf)), 15);
	CHECK_EQ(cmdline_value("init=/123456789abcdef", "init=", buf,
	    sizeof(buf)), -2);
}
