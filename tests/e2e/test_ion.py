"""ION: garbage through the rings, packet accounting, audit, console input."""
import random
import re
import string


def ion_free(shell):
    out = shell.run("ion")
    m = re.search(r"ion: (\d+) of (\d+) packets free", out)
    assert m, out
    return int(m.group(1)), int(m.group(2))


def test_garbage_commands_get_errors_and_nothing_leaks(shell):
    before = ion_free(shell)
    out = shell.run("garbage")
    assert "garbage: 0 failures" in out, out
    assert out.count(": ok") == 20, out
    # Each bad packet got one log line, and the kernel carried on.
    assert "rumpk: garbage: unknown command kind 0x7777" in out
    assert "rumpk: garbage: tx packet names slab 99: Result out of range" \
        in out
    assert "rumpk: garbage: command ring head is corrupt" in out
    assert re.search(r"^rumpk: garbage: tx packet of 513 bytes dropped$", out,
                     re.M), out
    assert ion_free(shell) == before
    assert shell.run("hello still").splitlines()[-1] == "still"


def test_audit_verifies_after_a_session(shell):
    shell.run("hello one")
    shell.run("garbage")
    out = shell.run("audit 5")
    lines = out.splitlines()
    assert re.fullmatch(r"audit: \d+ entries, chain ok", lines[-1]), out
    assert len(lines) == 6
    for line in lines[:-1]:
        assert re.match(r"\s*\d+\s+subject \d+\s+seq \d+\s+[A-Z]+_[A-Z_]+"
                        r"\s+result -?\d+\s+tag [0-9a-f]{16}( \+\d+)?$",
                        line), line
    numbers = [int(line.split()[0]) for line in lines[:-1]]
    assert numbers == list(range(numbers[0], numbers[0] + 5))


def test_audit_rejects_bad_count(shell):
    assert shell.run("audit x").startswith("usage: audit")


def fnv1a(data):
    h = 2166136261
    for b in data:
        h = ((h ^ b) * 16777619) & 0xffffffff
    return h


def test_pasting_4k_arrives_intact(shell):
    rng = random.Random(7)
    data = "".join(rng.choice(string.ascii_letters + string.digits + " .,")
                   for _ in range(4096))
    shell.type("rxcheck 4096")
    shell.expect_exact("rxcheck: ready for 4096 bytes")
    shell.child.send(data)
    shell.expect_exact(f"rxcheck: 4096 bytes, fnv1a "
                       f"{fnv1a(data.encode()):08x}")
    shell.prompt()
    assert shell.run("hello after").splitlines()[-1] == "after"


def test_a_command_writing_its_own_completion_cannot_forge_the_log(shell):
    out = shell.run("seqforge")
    m = re.search(r"seqforge: seqs (\d+) (\d+), parts 0 1", out)
    assert m and int(m.group(2)) == int(m.group(1)) + 1, out
    assert "seqforge: chain ok" in out
    assert shell.run("audit 3").splitlines()[-1].endswith("chain ok")


def test_forged_completion_tail_is_refused(shell):
    """A program that moves its completion ring's tail is told its ring is
    corrupt (never handed billions of free slots), loses no command, and
    the kernel carries on; one that moves its command ring's tail finds
    no room, and libnexus neither loops nor writes past its queue."""
    before = ion_free(shell)
    out = shell.run("ringforge")
    assert "ringforge: 0 failures" in out, out
    assert out.count(": ok") == 10, out
    # One line a refused doorbell: four cases, and the two doorbells of
    # the commands past a ringful (the ring found full, then no room).
    assert out.count("rumpk: ringforge: completion ring tail is corrupt") \
        == 6, out
    assert ion_free(shell) == before
    assert shell.run("hello still").splitlines()[-1] == "still"
