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


def test_everything_then_counts_unchanged(shell):
    before = counts(shell)
    for cmd in ("garbage", "crash null", "crash heap", "spawner fanout 14",
                "spawner cycles 200", "libctest", "fscheck"):
        shell.run(cmd)
    assert counts(shell) == before
    assert shell.run("hello fine").splitlines()[-1] == "fine"
