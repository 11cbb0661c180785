"""Pipes, spawn with descriptor actions, and NipBox's pipelines and
redirections: exact outputs through NipBox and programs, the ends of a
pipe (EOF, EPIPE), its size and atomic writes, O_NONBLOCK, hostile
actions, and Ctrl-C ending every program of a pipeline."""
import pytest

from test_jobs import ps
from test_subjects import mem_free

MOTD = "Welcome to rumpk."


def test_a_builtin_into_a_program(shell):
    assert shell.run("echo a | wc") == "      1       1       2"


def test_three_stages(shell):
    # hello (native, the tx ring) | grep and wc (picolibc printf and the
    # rx ring, reading a pipe to its end).
    assert shell.run("hello x y | grep x | wc") == "      1       1       2"
    assert shell.run("hello x | grep -v x | grep -c e") == "1"


def test_a_pipeline_of_eight(shell):
    line = "hello a b" + " | grep -v zzz" * 6 + " | wc"
    assert shell.run(line) == "      3       8      41"


def test_cat_into_hexdump(shell):
    motd = shell.run("cat /etc/motd")
    out = shell.run("cat /etc/motd | hexdump")
    want = shell.run("hexdump /etc/motd")
    assert out == want and len(motd) > 0, out


def test_input_from_a_file(shell):
    assert shell.run("wc < /etc/motd") == shell.run("wc /etc/motd").replace(
        " /etc/motd", "")
    assert shell.run("wc < /no/such") == \
        "nipbox: /no/such: No such file or directory"
    assert shell.run("echo $?") == "1"


def test_stderr_into_the_pipe(shell):
    # wc of a missing file complains on descriptor 2: 2>&1 puts that into
    # the pipe, without it the complaint reaches the terminal.
    alone = shell.run("wc /nope | wc")
    both = shell.run("wc /nope 2>&1 | wc")
    assert alone.splitlines()[-1] == "      0       0       0", alone
    assert both.splitlines()[-1] != "      0       0       0", both
    assert "No such file" in alone and "No such file" not in both


def test_output_to_dev_null(shell):
    assert shell.run("hello x > /dev/null") == ""
    assert shell.run("echo hidden > /dev/null") == ""
    assert shell.run("ls /bin 2>/dev/null > /dev/null") == ""
    # NipBox's own output is back on the terminal afterwards.
    assert shell.run("echo back") == "back"


def test_bad_redirections(shell):
    assert shell.run("hello 2>&7") == "nipbox: 7: Bad file descriptor"
    assert shell.run("echo x 2>&7") == "nipbox: 7: Bad file descriptor"
    assert shell.run("echo $?") == "1"
    assert shell.run("echo x > /bin") == "nipbox: /bin: Is a directory"
    assert shell.run("echo x > /dev/nope") == \
        "nipbox: /dev/nope: Operation not permitted"
    # The file a redirection makes holds what was written.
    assert shell.run("echo x > /motd.copy; cat /motd.copy") == "x"


def test_status_is_the_last_commands(shell):
    shell.run("hello | false")
    assert shell.run("echo $?") == "1"
    shell.run("false | hello")
    assert shell.run("echo $?") == "0"
    assert shell.run("nosuch | wc") == \
        "nipbox: nosuch: command not found\n      0       0       0"


@pytest.mark.parametrize("mode,want", [
    ("epipe", "write with no reader: Broken pipe"),
    ("eof", "pipecheck: interrupted\nread after the writer was killed: 0"),
    ("big 200000", "big: 200000 bytes, 0 wrong, writer status 0"),
    ("atomic", "atomic: 131072 bytes, 16 A blocks, 16 B blocks, 0 mixed"),
    ("nonblock", "nonblock: empty read Try again, 65536 bytes held, then "
     "Try again"),
])
def test_pipe_ends_and_sizes(shell, mode, want):
    before = mem_free(shell)
    assert shell.run(f"pipecheck {mode}") == want
    assert shell.run("echo $?") == "0"
    assert mem_free(shell) == before


def test_hostile_spawn_actions(shell):
    out = shell.run("pipecheck actions")
    assert out.splitlines()[-1] == ("actions: all refused, 2 Subjects "
                                    "before, 2 after, 0 pages not back"), out
    assert shell.run("echo $?") == "0"


def test_a_program_reads_a_pipe_to_its_end(shell):
    out = shell.run("pipecheck produce 100000 | wc")
    assert out.split()[-1] == "100000", out


def test_ctrl_c_ends_every_program_of_a_pipeline(shell):
    before = mem_free(shell)
    # A spinner, a reader waiting for input, a writer waiting for room
    # and a sleeper: all must go.  The first takes a line (the terminal
    # is cooked while a command runs) before it says it spins: it gets
    # one only as the foreground, so the shell is then waiting and ^C is
    # not the shell's own input.
    line = ("pipecheck keyspin | wc | pipecheck produce 100000000 | "
            "pipecheck sleep")
    shell.type(line)
    shell.expect_exact(line)
    shell.child.send("k\r")
    shell.expect_exact("pipecheck: spinning")
    shell.child.send("\x03")
    shell.prompt()
    assert shell.run("echo $?") == "130"
    assert [r[3] for r in ps(shell).values()] == ["nipbox"]
    assert mem_free(shell) == before


def test_an_endless_pipeline_ends_when_its_reader_does(shell):
    # head ends after ten lines; hexdump, printing into a pipe nobody
    # reads, is ended as SIGPIPE would; the builtin cat, writing into a
    # pipe whose reader is gone, gets EPIPE and stops: the prompt returns.
    lines = shell.run("cat /dev/zero | hexdump | head").splitlines()
    assert [l for l in lines if l.startswith("000000")] == [
        f"{i * 16:08x}  " + "00 " * 8 + " " + "00 " * 8 + " |" + "." * 16 +
        "|" for i in range(10)], lines
    assert shell.run("ps").count("\n") == 1     # only the heading and NipBox
