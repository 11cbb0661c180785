"""`make bench-peers`'s arithmetic and its contract with peerbench, without
building Linux: bench/peers/figures.py reads the lines peerbench prints
(peerbench itself run under qemu-riscv64) and turns them into the table,
and a benchmark a kernel cannot run shows why, never a figure."""
import shutil
import subprocess
import sys

import pytest

from conftest import ROOT

sys.path.insert(0, str(ROOT / "bench" / "peers"))
import figures  # noqa: E402

RUMPK_SPAWN = """\
/bin/peerbench -i spawn\r
rumpk: peerbench: Linux system call clone (220) is not supported\r
@ spawn n/a clone 38\r
"""


def test_missing_call_is_named_not_measured():
    assert figures.parse("spawn", RUMPK_SPAWN) == \
        "n/a (system call clone missing)"
    # Without rumpk's line, the call peerbench names.
    assert figures.parse("signal", "@ signal n/a rt_sigaction 38\n") == \
        "n/a (system call rt_sigaction missing)"
    assert figures.parse("read", "@ read n/a openat 2\n") == \
        "n/a (openat: No such file or directory)"
    assert figures.parse("write", "peerbench: killed: illegal instruction"
                         "\n") == \
        "n/a (no result: peerbench: killed: illegal instruction)"


def test_table_rows():
    results = {
        ("rumpk", "getpid", "instret"): [(20000, 2620000)],
        ("linux", "getpid", "instret"): [(20000, 3380000)],
        ("rumpk", "read", "time"): [(4, 40960), (4, 81920), (4, 61440)],
        ("linux", "read", "time"): [(4, 20480)] * 3,
        ("rumpk", "spawn", "instret"): [figures.parse("spawn",
                                                      RUMPK_SPAWN)],
        ("linux", "spawn", "instret"): [(40, 9440000)],
        ("rumpk", "boot"): [300.0, 200.0, 250.0],
        ("linux", "boot"): [900.0, 1000.0, 950.0],
        ("rumpk", "floor"): [150.0],
        ("linux", "floor"): [150.0],
        ("rumpk", "kernel"): [12.0],
        ("linux", "kernel"): [480.0],
    }
    rows = {r[0]: r[1:] for r in figures.rows(results)}
    assert rows["null system call (getpid), instructions"] == \
        ("131", "169", "0.78")
    # 4 passes of 1024 reads: 40960 ticks of 100 ns are 1 µs a read.
    assert rows["one 4 KiB read (of 4 MiB in 4 KiB reads), µs"] == \
        ("1.50 (1.00-2.00)", "0.50 (0.50-0.50)", "3.00")
    assert rows["spawn + wait (posix_spawn), instructions"] == \
        ("n/a (system call clone missing)", "236,000", "")
    assert rows["boot to a shell prompt, ms"] == \
        ("250 (200-300)", "950 (900-1,000)", "0.26")
    assert rows["boot from OpenSBI's hand-off to the prompt, ms"] == \
        ("12.0 (12.0-12.0)", "480 (480-480)", "0.03")
    md = figures.markdown(figures.rows(results)).splitlines()
    assert md[0] == "| operation | rumpk | Linux 6.1 | ratio |"
    assert len(md) == 1 + len(rows)  # rows has the heading too


def test_peerbench_speaks_the_parsers_language(tmp_path):
    """The real program's lines, under qemu-riscv64, parse: a figure for
    getpid, a reason for a read of a file that is not there."""
    for tool in ("riscv64-linux-gnu-gcc", "qemu-riscv64"):
        if not shutil.which(tool):
            pytest.fail(f"{tool} missing: run tools/deps.sh")
    exe = tmp_path / "peerbench"
    subprocess.run(["riscv64-linux-gnu-gcc", "-std=c11", "-Wall", "-Wextra",
                    "-Werror", "-O2", "-static", "-o", str(exe),
                    str(ROOT / "bench" / "peers" / "peerbench.c")],
                   check=True)

    def run(*args):
        return subprocess.run(["qemu-riscv64", str(exe), *args],
                              capture_output=True, text=True, timeout=60,
                              cwd=tmp_path).stdout

    ops, interval = figures.parse("getpid", run("-i", "getpid"))
    assert ops == 20000 and interval > ops
    assert figures.parse("read", run("-t", "read")) == \
        "n/a (openat: No such file or directory)"

