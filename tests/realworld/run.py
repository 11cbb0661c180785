#!/usr/bin/env python3
"""`make realworld`: real programs on rumpk, with Linux as the reference.

Stages the tree (tree.py), runs every case (cases.py) under qemu-riscv64 on
a copy of it and on rumpk, and compares output and exit status; then runs
BusyBox's own test suite on both.  Prints one line per case, and last

  realworld: N of M cases pass; busybox testsuite: P of Q pass (Linux user mode: R of Q)

It fails when a case of expected-pass.txt does not pass (or is no longer a
case), or when the Linux reference itself cannot run a case: a case must be
right on Linux before it can measure rumpk.  build/realworld/results.txt
has each failing case's two outputs; rumpk.log and linux.log the consoles.
"""
import argparse
import difflib
import re
import shutil
import sys
import threading
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import tree  # noqa: E402
from cases import CASES, NORMALISERS, Case  # noqa: E402
from rumpk import Machine, kernel_reason  # noqa: E402
from session import Linux  # noqa: E402

EXPECTED = HERE / "expected-pass.txt"
# inputs/testsuite.sh says which applets and why.
TESTSUITE = Case("busybox-testsuite", "/bin/busybox sh /t/testsuite.sh",
                 timeout=2400, quiet=300)
# md5sum's and the sha*sums' tests (2000 processes each) print nothing for
# five minutes and more under Linux user mode on a loaded machine: proot
# traces every fork.
LINUX_TESTSUITE = Case(TESTSUITE.name, TESTSUITE.line, timeout=2400,
                       quiet=900)


def expected_names():
    names = []
    for line in EXPECTED.read_text().splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            names.append(line)
    return names


def normalised(case, text):
    for name in case.normalise:
        text = NORMALISERS[name](text)
    return text


def first_difference(want, got):
    """One line saying where rumpk's output first leaves Linux's."""
    w, g = want.split("\n"), got.split("\n")
    for i, (a, b) in enumerate(zip(w, g)):
        if a != b:
            return f"output differs at line {i + 1}: {b[:60]!r}, Linux " \
                   f"{a[:60]!r}"
    if len(w) > len(g):
        return f"output stops after {len(g)} lines; Linux prints {len(w)}"
    return f"{len(g) - len(w)} more lines than Linux"


def verdict(case, ref, got):
    """None when the case passes, else the reason it does not."""
    rtext, rstatus, rwhy = ref
    text, status, why = got
    if rwhy:
        return f"the Linux reference {rwhy}"
    if why:
        return why
    want, have = normalised(case, rtext), normalised(case, text)
    if want == have and status == rstatus:
        return None
    kernel = kernel_reason(text)
    if kernel:
        return kernel
    if status != rstatus:
        return f"exit status {status}, Linux {rstatus}"
    return first_difference(want, have)


def write_result(out, case, ref, got, why):
    out.write(f"=== {case.name}: {why}\n$ {case.line}\n")
    out.write(f"--- Linux (exit {ref[1]})\n+++ rumpk (exit {got[1]})\n")
    diff = difflib.unified_diff(ref[0].split("\n"), got[0].split("\n"),
                                lineterm="", n=2)
    out.write("\n".join(list(diff)[2:400]) + "\n\n")


def testsuite_counts(text):
    passed = len(re.findall(r"^PASS: ", text, re.M))
    failed = len(re.findall(r"^FAIL: ", text, re.M))
    return passed, passed + failed


class LinuxTestsuite:
    """BusyBox's test suite under Linux user mode, in the background: it
    takes many minutes of emulated forks, far longer than the rest.  The
    applets are dealt out to SHARDS proots running at once (every
    SHARDS-th applet to each: neighbours in the alphabet cost alike), each
    in its own copy of /busybox (/busybox-N: the tests write their scratch
    files beside themselves; the cases write only below /tmp).  Not more
    shards, nor smaller parts taken in turn: every runtest first makes a
    link for each applet, minutes of forks under emulation.  The counts
    of the joined outputs are those of one whole run."""

    SHARDS = 2

    def __init__(self, root, logdir):
        self.root = Path(root)
        self.logdir = logdir
        self.outputs = [("", None, "did not run")] * self.SHARDS
        self.threads = []
        self.linuxes = []

    def start(self):
        for n in range(1, self.SHARDS + 1):
            copy = self.root / f"busybox-{n}"
            if copy.exists():
                shutil.rmtree(copy)
            shutil.copytree(self.root / "busybox", copy, symlinks=True)
            case = Case(f"busybox-testsuite-{n}",
                        f"{TESTSUITE.line} /busybox-{n} {n} {self.SHARDS}",
                        timeout=LINUX_TESTSUITE.timeout,
                        quiet=LINUX_TESTSUITE.quiet)
            log = open(self.logdir / f"linux-testsuite-{n}.log", "w")
            self.linuxes.append(Linux(self.root, log))
            t = threading.Thread(target=self._run, daemon=True,
                                 args=(n - 1, self.linuxes[-1], case))
            self.threads.append(t)
            t.start()

    def _run(self, n, linux, case):
        began = time.monotonic()
        self.outputs[n] = linux.run(case)
        linux.log.write(f"\n(shard {n + 1} took "
                        f"{(time.monotonic() - began) / 60:.1f} min)\n")

    def join(self):
        for t in self.threads:
            t.join()

    def stop(self):
        for linux in self.linuxes:
            linux.stop()
        for t in self.threads:
            t.join(timeout=30)
        for linux in self.linuxes:
            linux.log.close()

    @property
    def result(self):
        """(output, None, why): why names the shards that did not end."""
        text = "\n".join(o[0] for o in self.outputs)
        why = "; ".join(f"shard {n + 1}: {o[2]}"
                        for n, o in enumerate(self.outputs) if o[2])
        return text, None, why or None


def run_testsuite(background, machine, out):
    rtext, _, rwhy = machine.run(TESTSUITE)
    background.join()
    ltext, _, lwhy = background.result
    r, q = testsuite_counts(ltext)
    p, _ = testsuite_counts(rtext)
    out.write(f"=== busybox testsuite\n--- Linux: {lwhy or 'ran'}\n{ltext}\n"
              f"+++ rumpk: {rwhy or 'ran'}\n{rtext}\n")
    if p == 0:
        last = rtext.strip().split("\n")[-1][:100] if rtext.strip() \
            else "nothing printed"
        reason = rwhy or "; ".join(filter(None, [kernel_reason(rtext),
                                                 f"last line: {last}"]))
        print(f"busybox testsuite on rumpk: no case passes: {reason}")
    if lwhy:
        print(f"busybox testsuite under Linux user mode: {lwhy}")
    return p, q, r


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--build", default="build", type=Path)
    ap.add_argument("--only", default="",
                    help="run only the cases whose name has this text")
    ap.add_argument("--no-testsuite", action="store_true")
    args = ap.parse_args()
    build = args.build.resolve()
    rw = build / "realworld"
    started = time.monotonic()

    names = {c.name for c in CASES}
    assert len(names) == len(CASES), "two cases share a name"
    expected = expected_names()
    unknown = [n for n in expected if n not in names]
    cases = [c for c in CASES if args.only in c.name]

    root = tree.stage(rw / "root", build, HERE / "inputs")
    archive = tree.pack(root, rw / "realworld.tar")
    ref_root = rw / "linux-root"
    if ref_root.exists():
        shutil.rmtree(ref_root)
    shutil.copytree(root, ref_root, symlinks=True)

    testsuite = not args.no_testsuite and not args.only
    with open(rw / "linux.log", "w") as llog:
        background = LinuxTestsuite(ref_root, rw)
        if testsuite:
            background.start()
        linux = Linux(ref_root, llog)
        refs = {c.name: linux.run(c) for c in cases}
        (rw / "rumpk.log").write_text("")
        machine = Machine(archive, rw / "rumpk.log")
        passed, broken, bad_ref = [], [], []
        with open(rw / "results.txt", "w") as out:
            try:
                for case in cases:
                    got = machine.run(case)
                    why = verdict(case, refs[case.name], got)
                    if why is None:
                        passed.append(case.name)
                        mark = "pass" if case.name in expected else \
                            "pass (new: add it to expected-pass.txt)"
                        print(f"{case.name}: {mark}", flush=True)
                        continue
                    write_result(out, case, refs[case.name], got, why)
                    if refs[case.name][2]:
                        bad_ref.append(case.name)
                    if case.name in expected:
                        broken.append(case.name)
                        print(f"{case.name}: FAIL, expected to pass: {why}",
                              flush=True)
                    else:
                        print(f"{case.name}: not yet: {why}", flush=True)
                p = q = r = 0
                if testsuite:
                    p, q, r = run_testsuite(background, machine, out)
            finally:
                machine.close()
                background.stop()

    for name in unknown:
        print(f"expected-pass.txt names {name!r}, which is no case")
    for name in bad_ref:
        print(f"{name}: the case is wrong: it does not run under Linux")
    minutes = (time.monotonic() - started) / 60
    print(f"({len(cases)} cases in {minutes:.1f} min; outputs of failing "
          f"cases in {rw / 'results.txt'})")
    print(f"realworld: {len(passed)} of {len(cases)} cases pass; busybox "
          f"testsuite: {p} of {q} pass (Linux user mode: {r} of {q})")
    if args.only:
        broken = [n for n in broken if args.only in n]
    return 1 if broken or unknown or bad_ref else 0


if __name__ == "__main__":
    sys.exit(main())
