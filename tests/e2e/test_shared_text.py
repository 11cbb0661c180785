"""Program pages shared between Subjects (core/pcache.c): a file's
read-only segments are filled once, mapped into every Subject running it,
kept when the last one ends, and taken back when memory runs out."""
import re

from test_subjects import mem_free, mem_stat


def test_pages_stay_cached_between_runs(shell):
    shell.run("hello warm")
    free, cached = mem_stat(shell)
    assert cached >= 2, cached          # hello's text and rodata
    for _ in range(3):
        assert shell.run("hello again").splitlines()[-1] == "again"
        assert mem_stat(shell) == (free, cached)


def test_a_write_to_shared_text_hurts_only_the_writer(shell):
    # textcheck runs a copy of itself that writes to its text, while it
    # waits with the same pages mapped; then a copy that sums the text.
    before = mem_free(shell)
    # First it asks the kernel to write into its text and rodata: a file
    # read and a stat, each refused, and the sums show nothing changed.
    lines = shell.run("textcheck").splitlines()
    assert lines[:3] == ["textcheck: read into its text: Bad address",
                         "textcheck: read into its rodata: Bad address",
                         "textcheck: stat into its text: Bad address"], lines
    assert re.fullmatch(r"textcheck: killed: store page fault at 0x[0-9a-f]+"
                        r" \(pc 0x[0-9a-f]+\)", lines[3]), lines
    assert re.fullmatch(r"textcheck: text unchanged, sum [0-9a-f]{8}",
                        lines[4]), lines
    assert len(lines) == 5, lines
    assert shell.run("echo $?") == "0"
    assert mem_free(shell) == before


def test_memory_pressure_takes_cached_pages_back(shell):
    for cmd in ("hello x", "wc /bin/hello", "textcheck", "status 0"):
        shell.run(cmd)
    free, cached = mem_stat(shell)
    # hog 2 holds 64 MiB while hog 1 takes all the rest there is.
    out = shell.run("hog 2")
    assert "hog 2: 64 MiB, then Out of memory" in out, out
    m = re.search(r"hog 1: (\d+) MiB, then Out of memory", out)
    assert m and int(m.group(1)) < 64, out
    free2, cached2 = mem_stat(shell)
    assert cached2 < cached             # only hog's own pages are left
    assert free2 + cached2 == free + cached
    assert shell.run("hello after").splitlines()[-1] == "after"
