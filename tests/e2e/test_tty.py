"""The terminal's line discipline, sessions and process groups, as a static
Linux program (tests/linux/tty.c) sees them while the test types at it."""
import pytest

from test_linux import staged  # noqa: F401 (the fixture)
from conftest import BUILD


@pytest.fixture(scope="module")
def machine(staged):  # noqa: F811
    from conftest import Rumpk
    logdir = BUILD / "e2e"
    logdir.mkdir(parents=True, exist_ok=True)
    m = Rumpk(initrd=staged[1], log=logdir / "test_tty.log")
    try:
        m.prompt()
        yield m
    finally:
        m.close()


def typed_at(m, command, keys):
    """Runs `command`, types `keys` once it says "ready", and returns what
    it printed (with the terminal's echo) up to the next prompt."""
    m.type(command)
    m.expect_exact(command)
    m.expect_exact("ready")
    before = m.child.before
    m.child.send(keys)
    m.prompt()
    return (before + "ready" + m.child.before).replace("\r", "")


def test_default_settings_are_linux_cooked(machine):
    assert machine.run("tty get") == (
        "iflag 0x500 oflag 0x5 cflag 0xbf lflag 0x8a3b\n"
        "intr 3 quit 28 erase 127 kill 21 eof 4 susp 26 werase 23 "
        "min 1 time 0")


def test_canonical_read_is_one_edited_line(machine):
    out = typed_at(machine, "tty line", "abc\x7fd\rone two\x17six\r")
    assert "read 4: a b d \\n" in out, out
    assert "read 8: o n e   s i x \\n" in out, out
    # The kernel echoed the keys, the erase as "\b \b".
    assert "abc\b \bd\n" in out, out


def test_ctrl_d_at_the_start_of_a_line_is_end_of_input(machine):
    out = typed_at(machine, "tty eof", "\x04")
    assert out.strip("\n").endswith("read 0:"), out


def test_ctrl_d_after_text_hands_over_the_text(machine):
    out = typed_at(machine, "tty eof", "xy\x04")
    assert "read 2: x y" in out, out


def test_ctrl_c_interrupts_a_linux_reader(machine):
    out = typed_at(machine, "tty line", "half a line\x03")
    assert "tty: interrupted" in out, out
    assert "read" not in out.split("ready", 1)[1], out
    assert machine.run("echo $?") == "130"


def test_raw_read_takes_keys_unedited_and_unechoed(machine):
    out = typed_at(machine, "tty raw", "a\x7f\r")
    after = out.split("ready", 1)[1]
    assert after.lstrip("\n").startswith("raw 3: a 7f \\n"), out
    assert "restored lflag 0x8a3b" in out, out


def test_vmin_0_vtime_0_polls(machine):
    assert machine.run("tty poll") == "poll 0\nrestored lflag 0x8a3b"


def test_vtime_ends_a_read_with_nothing_or_with_a_key(machine):
    out = typed_at(machine, "tty timeout", "z")
    assert "timed out 0" in out, out
    assert "timed 1: z" in out, out
    assert "restored lflag 0x8a3b" in out, out


def test_window_size(machine):
    assert machine.run("tty winsize") == \
        "size 24x80\nset: ok\nsize 30x100"
    assert machine.run("tty winsize").startswith("size 24x80")


def test_fionread_counts_what_a_read_could_take(machine):
    out = typed_at(machine, "tty fionread", "ab\r")
    assert "first 1: a" in out, out
    assert "fionread: ok 2" in out, out
    assert "rest 2: b \\n" in out, out


def test_sessions_and_process_groups(machine):
    assert machine.run("tty session").splitlines() == [
        "pgid is pid: yes",
        "sid is the parent's: yes",
        "foreground is mine: yes",
        "setsid as group leader: EPERM",
        "setpgid self: ok",
        "setpgid -1: EINVAL",
        "setpgid no such pid: ESRCH",
        "setpgid the parent: ESRCH",
        "setpgid no such group: EPERM",
        "getpgid no such pid: ESRCH",
        "getsid no such pid: ESRCH",
        "tcsetpgrp no such group: ESRCH",
        "tcsetpgrp -1: EINVAL",
        "tcsetpgrp mine: ok",
        "setpgid into the parent's group: ok",
        "pgid is the parent's: yes",
        "setsid: pid",
        "sid and pgid are pid: yes",
        "setpgid as session leader: EPERM",
        "tcgetpgrp from another session: ENOTTY",
        "tcsetpgrp from another session: ENOTTY",
    ]
    # The shell has its terminal back.
    assert machine.run("hello back").splitlines()[-1] == "back"


def nipbox_id(machine):
    ids = [line.split()[0] for line in machine.run("ps").splitlines()
           if line.endswith(" nipbox")]
    assert len(ids) == 1, ids
    return ids[0]


def test_a_foreground_group_chosen_by_a_program_that_ended_lapses(machine):
    # Its group lives on (a child sleeps in it), but the program that chose
    # it is gone: the next program NipBox runs has the terminal.
    shell = nipbox_id(machine)
    assert machine.run("tty leave") == "tcsetpgrp mine, child left: ok"
    # The shell reads its next line in the foreground: it was not stopped
    # or told end of input (and started again) for reading from the
    # background.
    assert nipbox_id(machine) == shell
    assert "foreground is mine: yes" in machine.run("tty session")
    assert machine.run("hello back").splitlines()[-1] == "back"


def test_a_job_started_in_the_foreground_has_the_terminal_at_once(machine):
    # The parent reads the child's answer before it waits: without
    # NX_EXEC_FOREGROUND the terminal is still the parent's (a job-control
    # shell would stop itself); with it, the child's group has it from its
    # first instruction.
    assert machine.run("pipecheck foreground fg") == \
        "fg: foreground is mine: yes"
    assert machine.run("pipecheck foreground plain") == \
        "plain: foreground is mine: no"


def test_a_background_group_is_stopped_or_refused_as_on_linux(machine):
    # What qemu-riscv64 prints for tests/linux/ttybg.c on a pty.
    assert machine.run("ttybg").splitlines() == [
        "from the background",
        "read, SIGTTIN ignored: EIO",
        "read, SIGTTIN blocked: EIO",
        "read, SIGTTIN caught: EINTR",
        "handler ran: yes",
        "write with TOSTOP, SIGTTOU ignored: ok",
        "tcsetattr, SIGTTOU ignored: ok",
        "tcsetattr, SIGTTOU caught: EINTR",
        "handler ran: yes",
        "tcsetattr by default:",
        "stopped by SIGTTOU",
        "continued",
        "child exited 0",
    ]
    assert machine.run("hello back").splitlines()[-1] == "back"


def test_ioctls_on_something_else_are_enotty(machine):
    assert machine.run("tty notty") == \
        "tcgetattr /dev/null: ENOTTY\ntcgetpgrp /dev/null: ENOTTY"

