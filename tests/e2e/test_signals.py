"""Linux signals on rumpk (docs/ARCHITECTURE.md, "Signals"): handlers
with the real riscv64 frame, masks, the alternate stack, EINTR and
SA_RESTART, alarms, faults caught, SIGPIPE, default actions, and hostile
uses: forged frames, a faulting handler, a wild alternate stack, a storm.
tests/linux/signals.c runs under qemu-riscv64 too and must print the same
(one line aside, below); tests/linux/sighostile.c is rumpk's own."""
import pytest

from conftest import BUILD, Rumpk
from test_linux import on_host, staged  # noqa: F401 (a fixture)
from test_subjects import mem_stat

# qemu-riscv64 (7.2) reads riscv64's struct sigaction as if it had an
# sa_restorer, so it loses sa_mask; Linux blocks sa_mask in the handler
# (kernel/signal.c, handle_signal), as rumpk does.
SA_MASK_LINE = ("kill self: sig 10, code 0, pid mine 1, sa_mask blocks "
                "USR2 {}, itself 1")


@pytest.fixture(scope="module")
def machine(staged):  # noqa: F811
    logdir = BUILD / "e2e"
    logdir.mkdir(parents=True, exist_ok=True)
    m = Rumpk(initrd=staged[1], log=logdir / "test_signals.log")
    try:
        m.prompt()
        yield m
    finally:
        m.close()


def status(machine):
    return int(machine.run("echo $?"))


def test_signals_as_on_linux(staged, machine):  # noqa: F811
    want, code = on_host(staged[0], "signals", [])
    got = machine.run("signals")
    assert status(machine) == code == 0
    want = want.replace(SA_MASK_LINE.format(0), SA_MASK_LINE.format(1))
    assert got == want
    assert "storm: 5000 signals, 5000 handled" in got


@pytest.mark.parametrize("how", ["garbage", "kernelpc", "reserved"])
def test_a_forged_frame_ends_the_program(machine, how):
    got = machine.run(f"sighostile {how}").splitlines()
    assert got[0] == f"sigreturn with a forged frame: {how}"
    assert got[1].startswith("sighostile: killed: rt_sigreturn: forged "
                             "signal frame at "), got
    assert status(machine) == 128 + 11         # SIGSEGV, as Linux
    assert machine.run("hello ok").splitlines()[-1] == "ok"


def test_a_forged_frame_cannot_leave_user_mode(staged, machine):  # noqa: F811
    # Every register holds sstatus-like bits (SPP, SPIE, FS, SD): the
    # program lands in its own code, in U-mode, with only fcsr's 8 bits,
    # and reading sstatus there is an illegal instruction.
    want, code = on_host(staged[0], "sighostile", ["sstatus"])
    got = machine.run("sighostile sstatus").splitlines()
    assert got[:2] == want.splitlines() == [
        "sigreturn with a forged frame: sstatus",
        "landed: a0 0x8000000200046122, fcsr 0xff"]
    assert got[2].startswith("sighostile: killed: illegal instruction")
    assert code == -4 and status(machine) == 128 + 2   # SIGILL; its cause


def test_a_handler_that_faults_ends_the_program(machine):
    got = machine.run("sighostile handler").splitlines()
    assert got[0] == "in the handler, faulting again"
    assert got[1].startswith("sighostile: killed: store page fault at 0x20 ")
    assert len(got) == 2
    assert status(machine) == 128 + 15


def test_a_wild_alternate_stack_ends_the_program(machine):
    got = machine.run("sighostile altstack").splitlines()
    assert got[0] == "sigaltstack at 0x1000: 0"
    assert got[1].startswith("sighostile: killed: signal frame cannot be "
                             "written at ")
    assert len(got) == 2
    assert status(machine) == 128 + 11


def test_the_first_subject_cannot_be_killed(machine):
    got = machine.run("sighostile killinit")
    assert got == "\n".join([
        "kill(1, SIGKILL): 0",
        "kill(-1, SIGTERM): -1 No such process",
        "still here"])
    # The same NipBox, not one the kernel started again.
    assert machine.run("ps").splitlines()[1].split()[0] == "1"


@pytest.mark.parametrize("how,sig,line", [
    ("int", 2, "sighostile: interrupted"),
    ("sigpipe", 13, None),
    ("alarm", 14, None),
])
def test_default_actions_end_the_program(staged, machine, how, sig,  # noqa: F811
                                         line):
    _, code = on_host(staged[0], "sighostile", [how])
    got = machine.run(f"sighostile {how}")
    assert code == -sig
    assert got == (line or "")
    assert status(machine) == 128 + sig


def test_a_stopped_program_stays_stopped_until_ctrl_c(machine):
    machine.type("sighostile stop")
    machine.expect_exact("stopping")
    machine.child.send("\x03")
    machine.expect_exact("sighostile: interrupted")
    machine.prompt()
    assert "still here" not in machine.child.before
    assert status(machine) == 130


def test_signals_leave_nothing_behind(machine):
    machine.run("signals")      # the program's pages are cached from now on
    machine.run("sighostile garbage")
    before = mem_stat(machine)
    machine.run("signals")
    for how in ("garbage", "sstatus", "handler", "altstack", "alarm"):
        machine.run(f"sighostile {how}")
    assert mem_stat(machine) == before
    assert machine.run("ps").count("\n") == 1   # the heading and NipBox
