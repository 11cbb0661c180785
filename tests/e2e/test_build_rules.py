"""The rules for programs in user/programs/ (README, "Writing your own
program"): any C library header gets picolibc, a warning in a user's
program is shown without stopping the build, and everything the project
itself ships keeps -Werror.  Each test builds in a scratch copy of the
tree (scratch.py), never in the real one.
"""
import re

import pytest

from scratch import Scratch, committed_programs

# Includes one header only, one the Makefile never listed by name.
WIDE = """\
#include <wchar.h>

int
main(void)
{
	return (int)wcslen(L"wide") - 4;
}
"""

# argv is unused: a warning under -Wextra.
NATIVE_WARNS = """\
#include "libnexus.h"

int
main(int argc, char **argv)
{
	return argc - 1;
}
"""

LIBC_WARNS = """\
#include <stdio.h>

int
main(int argc, char **argv)
{
	printf("%d\\n", argc);
	return 0;
}
"""

BROKEN = """\
#include "libnexus.h"

int
main(void)
{
	return undeclared_name;
}
"""


@pytest.fixture(scope="module")
def tree(tmp_path_factory):
    return Scratch(tmp_path_factory.mktemp("tree"))


def test_any_libc_header_gets_picolibc(tree):
    tree.add("user/programs/wide.c", WIDE)
    r = tree.make("build/user/elf/bin/wide")
    assert r.returncode == 0, r.stdout
    # wcslen can only come from picolibc's libc.a.
    assert "wcslen" in tree.symbols("build/user/elf/bin/wide")


# Freestanding headers only: no libc needed.
PLAIN = """\
#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#include "libnexus.h"

int
main(int argc, char **argv)
{
	bool named = argc > 0 && strlen(argv[0]) > 0;

	return named ? 0 : INT8_MAX;
}
"""


def test_a_native_program_stays_native(tree):
    tree.add("user/programs/plain.c", PLAIN)
    r = tree.make("build/user/elf/bin/plain")
    assert r.returncode == 0, r.stdout
    assert "ulibc" not in r.stdout     # not compiled against picolibc
    assert "printf" not in tree.symbols("build/user/elf/bin/plain")


def test_a_warning_in_a_users_program_does_not_stop_make(tree):
    tree.add("user/programs/warns.c", NATIVE_WARNS)
    tree.add("user/programs/cwarns.c", LIBC_WARNS)
    r = tree.make("build/rootfs/bin/warns", "build/rootfs/bin/cwarns")
    assert r.returncode == 0, r.stdout
    assert r.stdout.count("warning: unused parameter 'argv'") == 2, r.stdout
    assert (tree.path / "build/rootfs/bin/warns").is_file()
    assert (tree.path / "build/rootfs/bin/cwarns").is_file()


def test_a_program_that_does_not_compile_stops_make(tree):
    tree.add("user/programs/broken.c", BROKEN)
    r = tree.make("build/user/elf/bin/broken")
    assert r.returncode != 0
    assert re.search(r"broken\.c:6:\d+: error: 'undeclared_name' undeclared",
                     r.stdout), r.stdout


def test_the_projects_own_test_programs_keep_werror(tree):
    tree.add("tests/programs/twarns.c", NATIVE_WARNS)
    r = tree.make("build/user/elf/test/twarns")
    assert r.returncode != 0
    assert "error: unused parameter 'argv'" in r.stdout, r.stdout


def test_the_committed_programs_build_without_warnings(tree):
    names = committed_programs()
    if names is None:
        pytest.skip("not a git checkout: which programs are committed?")
    assert names, "git lists no program in user/programs/"
    r = tree.make("PROGRAM_WERROR=-Werror",
                  *(f"build/user/elf/bin/{n}" for n in names))
    assert r.returncode == 0, r.stdout
