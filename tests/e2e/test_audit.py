"""NipBox's audit: kinds by name, one Subject's entries, and a log that keeps
a program's entries however busy the shell is afterwards."""
import re

ENTRY = re.compile(r"^\s*(\d+)  subject (\d+)\s+seq (\d+)\s+(\S+)\s+"
                   r"result (-?\d+)\s+tag [0-9a-f]{16}(?: \+\d+)?$", re.M)


def entries(out):
    """(number, subject, kind, result) of each entry line."""
    return [(int(m[1]), int(m[2]), m[4], int(m[5]))
            for m in ENTRY.finditer(out)]


def run_program(shell, line):
    """Runs a program from NipBox and returns its Subject id: the result
    of the shell's newest SYS_EXEC."""
    shell.run(line)
    execs = [e for e in entries(shell.run("audit -s 1 64"))
             if e[2] == "SYS_EXEC"]
    assert execs, "no SYS_EXEC by the shell"
    return execs[-1][3]


def test_audit_shows_kind_names(shell):
    shell.run("hello names")
    out = shell.run("audit 64")
    got = entries(out)
    held = int(re.search(r"^audit: (\d+) entries", out, re.M)[1])
    assert len(got) == min(held, 64) and len(got) > 20, out
    kinds = {e[2] for e in got}
    assert {"SYS_EXEC", "SYS_EXIT", "SYS_WAIT", "ION_ALLOC"} <= kinds, out
    assert not [k for k in kinds if not re.fullmatch(r"[A-Z]+_[A-Z_]+", k)]
    assert out.splitlines()[-1].endswith("chain ok"), out


def held(out):
    return int(re.search(r"^audit: (\d+) entries", out, re.M)[1])


def test_audit_filters_by_subject(shell):
    child = run_program(shell, "hello filter")
    assert child > 1
    out = shell.run(f"audit -s {child} 64")
    mine = entries(out)
    assert mine and {e[1] for e in mine} == {child}, out
    assert mine[-1][2] == "SYS_EXIT", out
    assert re.search(rf"^audit: {len(mine)} entries of subject {child}, "
                     r"chain ok$", out, re.M), out
    # The shell's entries are in the log too, and none is among the
    # child's.
    shells = entries(shell.run("audit -s 1 64"))
    assert shells and {e[1] for e in shells} == {1}, shells
    assert held(shell.run("audit 1")) > len(mine) + len(shells)
    assert entries(shell.run("audit -s 999 64")) == []
    assert shell.run("audit -s x").startswith("usage: audit")
    assert shell.run("audit -s 0").startswith("usage: audit")


def test_a_busy_shell_keeps_an_earlier_programs_entries(shell):
    """The old log held 255 entries; the shell makes a few per keystroke.
    After well over a thousand more (more than the log holds now), the
    program's entries are all still there and everything verifies."""
    child = run_program(shell, "hello kept")
    before = shell.run(f"audit -s {child} 64")
    kept = entries(before)
    assert kept and kept[-1][2] == "SYS_EXIT", before
    last = kept[-1][0]
    for i in range(80):
        shell.run(f"echo keystrokes and commands {i:03d}")
    newest = entries(shell.run("audit 1"))[-1][0]
    assert newest - last > 1100, (last, newest)
    after = shell.run(f"audit -s {child} 64")
    assert entries(after) == kept, (before, after)
    assert after.splitlines()[-1].endswith("chain ok"), after
    out = shell.run("audit 64")
    assert re.search(r"^audit: \d+ entries, chain ok$", out, re.M), out
