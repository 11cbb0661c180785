"""The console's foreground and orphans: a Subject nobody waits for never
takes the console, Ctrl-C reaches whatever is in the foreground, orphans
are adopted by the first Subject and their slots come back; and an exec
that replaces a program is audited under the caller's identity."""
import re

from test_subjects import mem_free


def ps(shell):
    """{id: (parent, state, identity, name)} from NipBox's ps."""
    rows = {}
    for line in shell.run("ps").splitlines()[1:]:
        f = line.split()
        rows[int(f[0])] = (int(f[1]), f[2], f[4], f[5])
    return rows


def shell_id(shell):
    ids = [i for i, r in ps(shell).items() if r[3] == "nipbox"]
    assert len(ids) == 1, ids
    return ids[0]


def start_orphan(shell, arg=""):
    out = shell.run(f"orphan {arg}".strip())
    m = re.fullmatch(r"orphan: child (\d+) sleeps", out)
    assert m, out
    return int(m.group(1))


def test_an_orphan_does_not_take_the_console(shell):
    before = mem_free(shell)
    child = start_orphan(shell)
    # The shell still gets its input: the orphan's parent never waited.
    assert shell.run("hello still").splitlines()[-1] == "still"
    nipbox = shell_id(shell)
    rows = ps(shell)
    assert rows[child][0] == nipbox and rows[child][3] == "orphan", rows
    # ^C at the prompt is the shell's: the orphan is nobody's job.
    shell.child.send("hello nope\x03")
    shell.expect_exact("^C")
    shell.prompt()
    assert child in ps(shell)
    # The first Subject may end what it adopted; the slot comes back.
    out = shell.run(f"exec orphan kill {child}")
    assert f"orphan: kill {child}: ok" in out, out
    assert f"orphan: {child} gone, 1 Subjects left" in out, out
    assert [r[3] for r in ps(shell).values()] == ["nipbox"]
    assert mem_free(shell) == before
    out = shell.run("spawner fanout 14")     # every slot is free again
    assert "spawner: 14 children started, 16 Subjects" in out, out


def test_an_orphan_that_ends_is_reaped_by_the_kernel(shell):
    child = start_orphan(shell, "200")
    out = shell.run(f"orphan gone {child}")
    assert out == f"orphan: {child} gone, 2 Subjects left", out
    assert [r[3] for r in ps(shell).values()] == ["nipbox"]


def test_the_first_subject_ending_brings_a_shell_back(shell):
    """The orphan's parent replaced NipBox, so it was the first Subject;
    a new shell starts at once and adopts the orphan."""
    shell.type("exec orphan")
    shell.expect(r"orphan: child (\d+) sleeps")
    child = int(shell.child.match.group(1))
    shell.prompt()
    nipbox = shell_id(shell)
    assert ps(shell)[child][0] == nipbox
    out = shell.run(f"exec orphan kill {child}")
    assert f"orphan: {child} gone, 1 Subjects left" in out, out


def test_ctrl_c_ends_a_job_and_what_it_started(shell):
    shell.type("orphan job")
    shell.expect(r"orphan: child (\d+) sleeps")
    child = int(shell.child.match.group(1))
    shell.child.send("\x03")
    shell.expect_exact("orphan: interrupted")
    shell.prompt()
    assert shell.run("echo $?") == "130"
    # Its child goes too (it may still be ending: orphan gone waits).
    out = shell.run(f"orphan gone {child}")
    assert out == f"orphan: {child} gone, 2 Subjects left", out
    assert [r[3] for r in ps(shell).values()] == ["nipbox"]


def test_ctrl_c_reaches_a_program_that_replaced_the_shell(shell):
    shell.type("exec crash spin")
    shell.expect_exact("crash: spin")
    shell.child.send("\x03")
    shell.expect_exact("crash: interrupted")
    shell.prompt()
    assert shell.run("hello back").splitlines()[-1] == "back"


def test_an_exec_is_audited_as_the_program_that_asked(shell):
    nipbox = ps(shell)[shell_id(shell)][2]
    out = shell.run("exec exectell")
    logged = re.search(r"exectell: exec logged as ([0-9a-f]{16})", out)
    running = re.search(r"exectell: running as ([0-9a-f]{16})", out)
    assert logged and running, out
    assert logged.group(1) == nipbox, out
    assert running.group(1) != nipbox, out
    assert "exectell: chain ok" in out, out
    assert re.search(r"^audit: \d+ entries, chain ok$",
                     shell.run("audit 20"), re.M)


def test_a_status_that_cannot_be_written_is_not_lost(shell):
    out = shell.run("waitcheck")
    assert out.splitlines() == ["waitcheck: read-only block: Bad address",
                                "waitcheck: then: status 7"], out
