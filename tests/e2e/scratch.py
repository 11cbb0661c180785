"""A scratch copy of the source tree, for tests that add programs and run
make in it: the real tree and its build/ stay untouched, so a test never
leaves a program behind in user/programs/ and other builds never see it.

Only what the user-program rules read is copied (the Makefile, the headers,
libs/, tools/ and user/); a test then builds the targets it names, which
costs libnexus, crt0, the membrane and the programs themselves, not the
kernel.
"""
import os
import shutil
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PARTS = ["Makefile", "include", "libs", "tools", "user"]
# A make started by `make test` must not join the outer make's jobserver
# or take its command-line variables.
MAKE_VARS = ("MAKEFLAGS", "MFLAGS", "MAKELEVEL", "MAKEOVERRIDES")


class Scratch:
    """One copy of the tree in `path`."""

    def __init__(self, path):
        self.path = Path(path)
        self.path.mkdir(parents=True, exist_ok=True)
        for part in PARTS:
            src = ROOT / part
            if src.is_dir():
                shutil.copytree(src, self.path / part)
            else:
                shutil.copy2(src, self.path / part)
        (self.path / "tests" / "programs").mkdir(parents=True)

    def add(self, rel, text):
        """Writes a source file, e.g. add("user/programs/x.c", "...")."""
        dest = self.path / rel
        dest.parent.mkdir(parents=True, exist_ok=True)
        dest.write_text(text)

    def make(self, *args):
        """Runs make with these targets and VAR=value words; returns the
        CompletedProcess, its stdout and stderr together in .stdout."""
        env = {k: v for k, v in os.environ.items() if k not in MAKE_VARS}
        return subprocess.run(["make", "-j2", *args], cwd=self.path,
                              env=env, stdout=subprocess.PIPE,
                              stderr=subprocess.STDOUT, text=True,
                              timeout=600)

    def symbols(self, rel):
        """The names a linked program defines (nm), as a set."""
        out = subprocess.run(["riscv64-unknown-elf-nm", "--defined-only",
                              str(self.path / rel)], check=True,
                             stdout=subprocess.PIPE, text=True).stdout
        return {line.split()[-1] for line in out.splitlines() if line}


def committed_programs():
    """The programs committed in user/programs/: the project's own.  None
    outside a git checkout."""
    try:
        out = subprocess.run(["git", "-C", str(ROOT), "ls-files",
                              "user/programs/*.c"], check=True,
                             stdout=subprocess.PIPE, text=True).stdout
    except (OSError, subprocess.CalledProcessError):
        return None
    return [Path(line).stem for line in out.split()]
