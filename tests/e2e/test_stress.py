"""Stress: floods, exhaustion, bursts; each followed by mem and ion showing
the free counts they showed before."""
import random
import re
import string

from test_ion import fnv1a
from test_subjects import ion_free, mem_free


def counts(shell):
    return mem_free(shell), ion_free(shell)


def test_greedy_program_exhausts_only_its_own_pool(shell):
    before = counts(shell)
    out = shell.run("greedy")
    assert "greedy: held 32, then got 0 more; 0 of 32 mine free" in out, out
    assert "greedy: waiting for input: Out of memory" in out, out
    assert counts(shell) == before


def test_64k_burst_of_console_input(shell):
    before = counts(shell)
    rng = random.Random(11)
    data = "".join(rng.choice(string.ascii_letters + string.digits)
                   for _ in range(65536))
    shell.type("rxcheck 65536")
    shell.expect_exact("rxcheck: ready for 65536 bytes")
    for i in range(0, len(data), 4096):
        shell.child.send(data[i:i + 4096])
    shell.expect_exact(f"rxcheck: 65536 bytes, fnv1a "
                       f"{fnv1a(data.encode()):08x}", timeout=120)
    shell.prompt()
    assert counts(shell) == before


# What each program must print (a line matching each pattern, in order),
# so a run that went wrong cannot pass for one that only leaked nothing.
EVERYTHING = {
    "garbage": [r"garbage: 0 failures"],
    "crash null": [r"crash: killed: store page fault at 0x0 "
                   r"\(pc 0x[0-9a-f]+\)"],
    "crash heap": [r"crash: heap full after 64 MiB: Out of memory"],
    "spawner fanout 14": [r"spawner: 14 children started, 16 Subjects",
                          r"spawner: 14 children ended"],
    "spawner cycles 200": [r"spawner: 200 cycles ok"],
    "libctest": [r"libctest: 0 args:.*", r"libctest: malloc 6 MiB ok, sum "
                 r"10752", r"libctest: motd says: This is not a program\."],
    "fscheck": [r"fscheck: 0 failures"],
}


def test_everything_then_counts_unchanged(shell):
    before = counts(shell)
    for cmd, patterns in EVERYTHING.items():
        lines = shell.run(cmd).splitlines()
        at = 0
        for pattern in patterns:
            while at < len(lines) and not re.fullmatch(pattern, lines[at]):
                at += 1
            assert at < len(lines), (cmd, pattern, lines)
    assert counts(shell) == before
    assert shell.run("hello fine").splitlines()[-1] == "fine"
