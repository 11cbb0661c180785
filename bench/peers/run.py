#!/usr/bin/python3
"""`make bench-peers`: the same static Linux programs on rumpk (through
its Linux personality, from the NipBox prompt) and on Linux 6.1 (from a
tiny init's prompt), on the same QEMU, interleaved, in one run.  Prints
`operation | rumpk | Linux | ratio` and writes it, with the figures, to
build/peers/ (docs/PERFORMANCE.md, "rumpk beside Linux").

Three passes:
1. Instructions: both kernels under -icount shift=0,sleep=off, each
   benchmark once on rumpk then once on Linux.  peerbench reads rdinstret
   in U-mode; the counts are exact.  The QEMU not in use is stopped
   (SIGSTOP), so an idle guest under sleep=off cannot take a CPU from the
   one measuring.
2. Wall time: both booted without icount; ROUNDS rounds, each running
   every benchmark on rumpk and then on Linux, so both see the same host
   load.  peerbench reads rdtime (10 MHz); median, min and max.
3. Boot: host wall time from starting QEMU to each system's prompt, beside
   its floor (bench/floor.S, which powers off at once, with the system's
   own archive as the initrd), the four boots in turn, BOOTS times; and
   within each boot the time from OpenSBI's last line to the prompt.
"""
import argparse
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pexpect

sys.path.insert(0, str(Path(__file__).resolve().parent))
import figures  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]
QEMU_SH = ROOT / "tools" / "qemu.sh"
TIMEOUT = 120
# 115200 baud: at QEMU's default 9600 each typed line would wait about
# 4 ms for the UART's receive timeout.  quiet: rumpk prints a few lines
# at boot, Linux would print a hundred.
LINUX_APPEND = "console=ttyS0,115200 quiet"
SYSTEMS = {
    "rumpk": {"prompt": "nipbox:/$ ", "append": ""},
    "linux": {"prompt": "linux$ ", "append": LINUX_APPEND},
}


def log(msg):
    print(f"bench-peers: {msg}", file=sys.stderr, flush=True)


class Machine:
    """One QEMU over a pty, booted with tools/qemu.sh (the same command
    line for both kernels)."""

    def __init__(self, system, kernel, initrd, extra, transcript):
        env = dict(os.environ, APPEND=SYSTEMS[system]["append"])
        self.system = system
        self.dead = None
        self.prompt = SYSTEMS[system]["prompt"]
        self.started = time.monotonic()
        self.log = open(transcript, "w")
        self.child = pexpect.spawn(
            str(QEMU_SH), [str(kernel), str(initrd)] + list(extra), env=env,
            encoding="utf-8", codec_errors="replace", timeout=TIMEOUT,
            dimensions=(50, 200))
        self.child.logfile_read = self.log

    def wait_prompt(self):
        self.child.expect_exact(self.prompt)

    def run(self, line):
        """Types a line at the prompt; returns what it printed."""
        self.child.send(line + "\r")
        self.child.expect_exact(line)
        self.child.expect_exact(self.prompt, timeout=300)
        return self.child.before

    def pause(self, stop):
        os.kill(self.child.pid, signal.SIGSTOP if stop else signal.SIGCONT)

    def close(self):
        if self.child.isalive():
            os.kill(self.child.pid, signal.SIGCONT)
            self.child.terminate(force=True)
        self.child.close()
        self.log.close()


def boot_both(args, extra, tag):
    machines = {}
    try:
        for system in ("rumpk", "linux"):
            m = Machine(system, args.kernel[system], args.initrd[system],
                        extra, args.logdir / f"{system}-{tag}.log")
            machines[system] = m
            m.wait_prompt()
            if extra:
                m.pause(True)
    except BaseException:
        for m in machines.values():
            m.close()
        raise
    return machines


def run_one(m, bench, clock, paused):
    """One peerbench run, parsed; a kernel that stops answering (a panic,
    a hang) gets the reason for this and every later benchmark."""
    if m.dead:
        return m.dead
    if paused:
        m.pause(False)
    try:
        out = m.run(f"/bin/peerbench -{clock[0]} {bench}")
    except (pexpect.TIMEOUT, pexpect.EOF) as e:
        last = [ln.strip() for ln in (m.child.before or "").splitlines()
                if ln.strip()]
        what = "QEMU ended" if isinstance(e, pexpect.EOF) else "no prompt"
        m.dead = (f"n/a ({what} during {bench}: "
                  f"{last[-1] if last else 'no output'})")
        log(f"{m.system}: {m.dead}")
        return m.dead
    if paused:
        m.pause(True)
    return figures.parse(bench, out)


def measure(results, machines, bench, clock, paused):
    for system in ("rumpk", "linux"):
        results.setdefault((system, bench, clock), []).append(
            run_one(machines[system], bench, clock, paused))


def instructions(args, results):
    log("instructions: -icount shift=0,sleep=off")
    machines = boot_both(args, ["-icount", "shift=0,sleep=off"], "icount")
    try:
        for bench, *_ in figures.BENCHMARKS:
            measure(results, machines, bench, "instret", True)
    finally:
        for m in machines.values():
            m.close()


def wall(args, results):
    log(f"wall time: {args.rounds} rounds")
    machines = boot_both(args, [], "wall")
    try:
        for _ in range(args.rounds):
            for bench, *_ in figures.BENCHMARKS:
                measure(results, machines, bench, "time", False)
    finally:
        for m in machines.values():
            m.close()


def boots(args, results):
    log(f"boot: {args.boots} boots of each system and of its floor")
    for i in range(args.boots):
        for system in ("rumpk", "linux"):
            m = Machine(system, args.kernel[system], args.initrd[system], [],
                        args.logdir / f"{system}-boot-{i}.log")
            try:
                # OpenSBI's last line before it enters the kernel.
                m.child.expect(r"Boot HART MEDELEG[^\n]*\n")
                handoff = time.monotonic()
                m.wait_prompt()
                prompt = time.monotonic()
            finally:
                m.close()
            results.setdefault((system, "boot"), []).append(
                (prompt - m.started) * 1000)
            results.setdefault((system, "kernel"), []).append(
                (prompt - handoff) * 1000)
            m = Machine(system, args.floor, args.initrd[system], [],
                        args.logdir / f"{system}-floor-{i}.log")
            try:
                m.child.expect(pexpect.EOF)
                ms = (time.monotonic() - m.started) * 1000
            finally:
                m.close()
            results.setdefault((system, "floor"), []).append(ms)


def commit():
    """The commit measured, "+changes" when the tree differs from it."""
    def git(*a):
        return subprocess.run(["git", "-C", str(ROOT), *a],
                              capture_output=True, text=True).stdout.strip()
    head = git("rev-parse", "--short", "HEAD") or "unknown"
    dirty = git("status", "--porcelain", "--untracked-files=no")
    return head + ("+changes" if dirty else "")


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--kernel", default=ROOT / "build/kernel.elf")
    ap.add_argument("--initrd", default=ROOT / "build/peers/rumpk.tar")
    ap.add_argument("--linux", default=ROOT / "build/peers/Image")
    ap.add_argument("--linux-initrd",
                    default=ROOT / "build/peers/linux.cpio")
    ap.add_argument("--floor", default=ROOT / "build/bench/floor.elf")
    ap.add_argument("--out", default=ROOT / "build/peers")
    ap.add_argument("--rounds", type=int, default=7)
    ap.add_argument("--boots", type=int, default=5)
    args = ap.parse_args()
    args.kernel = {"rumpk": args.kernel, "linux": args.linux}
    args.initrd = {"rumpk": args.initrd, "linux": args.linux_initrd}
    args.out = Path(args.out)
    args.logdir = args.out / "logs"
    args.logdir.mkdir(parents=True, exist_ok=True)

    results = {}
    instructions(args, results)
    wall(args, results)
    boots(args, results)

    table = figures.rows(results)
    md = figures.markdown(table)
    print(md)
    load = os.getloadavg()[0]
    date = time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())
    print(f"(rumpk at {commit()}, {date}, load average {load:.1f}; "
          f"consoles in {args.logdir})")
    (args.out / "table.md").write_text(md + "\n")
    with open(args.out / "peers.json", "w") as f:
        json.dump({"table": table, "load_average": load, "date": date,
                   "commit": commit(),
                   "runs": {" ".join(k): v for k, v in results.items()}},
                  f, indent=1)


if __name__ == "__main__":
    main()
