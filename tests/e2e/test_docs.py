"""The docs' sample sessions and example programs, run for real.

A session is a fenced block in README.md or docs/writing-programs.md with
lines starting `nipbox:<cwd>$ `: each such line is typed (the prompt must
be the one NipBox shows), and the lines after it, up to the next prompt,
are what the command must print.  A line that is only `...` stands for
any number of lines; `...` inside a line for any text.  Everything else,
sizes and counts included, must match exactly.  README's block that starts
`$ make run` also holds the boot: its lines before the first prompt are the
end of the console output before it.

When a session differs, the failure message shows the whole block as it
should read now, so refreshing README after the archive changes is one
copy and paste.  The C blocks of the docs are built as the programs they
say to save (`user/programs/NAME.c`) in a scratch tree and run in their
sessions.
"""
import re
import tarfile

import pexpect
import pytest

from conftest import BUILD, ROOT, TIMEOUT
from scratch import Scratch

PROMPT_LINE = re.compile(r"^(nipbox:[^\s$]*\$ )(.*)$")
FENCE = re.compile(r"^```(\w*)$")
ELLIPSIS = "..."


def fenced_blocks(path):
    """[(line number, language, [lines])] of a Markdown file."""
    blocks, current = [], None
    for no, line in enumerate(path.read_text().splitlines(), 1):
        m = FENCE.match(line)
        if current is None and m:
            current = (no + 1, m.group(1), [])
        elif current is not None and line == "```":
            blocks.append(current)
            current = None
        elif current is not None:
            current[2].append(line)
    return blocks


def is_session(lines):
    return any(PROMPT_LINE.match(line) for line in lines)


def parse_session(lines):
    """(lines before the first prompt, [(prompt, command, [output])])."""
    head, steps = [], []
    for line in lines:
        m = PROMPT_LINE.match(line)
        if m:
            steps.append((m.group(1), m.group(2), []))
        elif steps:
            steps[-1][2].append(line)
        else:
            head.append(line)
    return head, steps


def pattern(expected):
    """A regex for a list of expected lines, with the `...` wildcards."""
    parts = []
    for line in expected:
        if line == ELLIPSIS:
            parts.append(r"(?:[^\n]*\n)*?")
        else:
            parts.append(".*?".join(map(re.escape, line.split(ELLIPSIS)))
                         + r"\n")
    return re.compile("".join(parts))


def matches(expected, actual):
    text = "".join(line + "\n" for line in actual)
    return pattern(expected).fullmatch(text) is not None


def console_lines(text):
    # QEMU adds its own CR to every LF on stdio, so lines end in "\r\r\n".
    text = text.replace("\r", "").strip("\n")
    return text.split("\n") if text else []


def run_session(m, steps, prompt):
    """Types each step's command.  Returns (ok, the block as it should
    read, the prompt NipBox shows at the end)."""
    ok, block = True, []
    for want_prompt, command, expected in steps:
        m.type(command)
        m.expect_exact(command)
        if command == "poweroff":
            m.child.expect(pexpect.EOF, timeout=TIMEOUT)
            actual = console_lines(m.child.before)
            m.child.close()
            good = m.child.exitstatus == 0
        else:
            m.prompt()
            actual = console_lines(m.child.before)
            good = True
        good = good and want_prompt == prompt and matches(expected, actual)
        ok = ok and good
        block.append(prompt + command)
        block += expected if good else actual
        if command != "poweroff":
            prompt = m.child.after
    return ok, block, prompt


def failure(path, line, block):
    return (f"{path.relative_to(ROOT)}: the session at line {line} is not "
            f"what rumpk does now (build/e2e/ has the transcript).  If the "
            f"change is meant, make the block read:\n```\n"
            + "\n".join(block) + "\n```")


def readme_boot_session():
    path = ROOT / "README.md"
    for line, _, lines in fenced_blocks(path):
        if lines and lines[0] == "$ make run":
            return path, line, lines
    raise AssertionError("README.md has no block starting `$ make run`")


def test_readme_sample_session(boot):
    path, line, lines = readme_boot_session()
    head, steps = parse_session(lines[1:])
    assert steps and steps[-1][1] == "poweroff", \
        "README's session must end with poweroff"
    m = boot()
    m.prompt()
    prompt = m.child.after
    before = console_lines(m.child.before)
    boot_ok = matches(head, before)
    block = ["$ make run"]
    if boot_ok:
        block += head
    else:
        # The build lines and OpenSBI's banner stay elided.
        first = next((i for i, text in enumerate(before)
                      if text.startswith("rumpk: ")), 0)
        block += [ELLIPSIS] + before[first:]
    ok, rest, _ = run_session(m, steps, prompt)
    if not (boot_ok and ok):
        pytest.fail(failure(path, line, block + rest), pytrace=False)


def example_programs(path):
    """{name: C source} for the C blocks of a doc, each named by the
    `user/programs/NAME.c` in the text after it."""
    text = path.read_text().splitlines()
    programs = {}
    for line, lang, lines in fenced_blocks(path):
        if lang != "c":
            continue
        after = []
        for follow in text[line + len(lines):]:
            if FENCE.match(follow):
                break
            after.append(follow)
        m = re.search(r"user/programs/(\w+)\.c", " ".join(after))
        assert m, f"{path.name}:{line}: no `user/programs/NAME.c` after " \
                  f"the C block"
        programs[m.group(1)] = "\n".join(lines) + "\n"
    return programs


DOCS = [ROOT / "README.md", ROOT / "docs" / "writing-programs.md"]


def test_doc_examples_build_and_run(boot, tmp_path):
    programs = {}
    for path in DOCS:
        programs.update(example_programs(path))
    assert len(programs) >= 3, programs.keys()
    tree = Scratch(tmp_path / "tree")
    for name, source in programs.items():
        tree.add(f"user/programs/{name}.c", source)
    built = tree.make(*(f"build/rootfs/bin/{n}" for n in programs))
    assert built.returncode == 0, built.stdout
    assert "warning:" not in built.stdout, built.stdout

    # The normal archive's programs with the examples added (an example
    # wins over a program of the same name).
    initrd = tmp_path / "examples.tar"
    bins = {f.name: f for f in (BUILD / "rootfs" / "bin").iterdir()}
    bins.update({n: tree.path / "build" / "rootfs" / "bin" / n
                 for n in programs})
    with tarfile.open(initrd, "w", format=tarfile.USTAR_FORMAT) as tar:
        for name, path in sorted(bins.items()):
            tar.add(path, arcname=f"bin/{name}")

    m = boot(initrd=initrd)
    m.prompt()
    prompt = m.child.after
    failures = []
    for path in DOCS:
        for line, _, lines in fenced_blocks(path):
            if not is_session(lines) or lines[0] == "$ make run":
                continue
            head, steps = parse_session(lines)
            assert not head, f"{path.name}:{line}: text before the prompt"
            ok, block, prompt = run_session(m, steps, prompt)
            if not ok:
                failures.append(failure(path, line, block))
    if failures:
        pytest.fail("\n\n".join(failures), pytrace=False)
