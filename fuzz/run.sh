#!/bin/sh
# Runs one libFuzzer target: its checked-in regression inputs once each,
# then fuzzing from its corpus for SECONDS (or exactly RUNS inputs, when
# RUNS is not empty) with random SEED (a fresh one when SEED is empty).
# Prints and records what the run was, so it can be told apart and
# repeated:
#	fuzz_tar: 1234567 executions in 60 s, seed 3141592653, corpus 57
#	    inputs (812345 bytes, digest 0123456789abcdef) before, 80 after
# The line also goes, with the date, the commit and the command that
# repeats the run, to runs.log beside CRASHES (build/fuzz/runs.log); the
# run's whole log and the corpus it started from go to logs/ there.  The
# newest log is also fuzz_tar.log.
# Exits non-zero if an input crashed, leaked or hung (10 s); the input is
# then in CRASHES/ and the sanitizer's report is printed.
#   fuzz/run.sh BINARY CORPUS REGRESSIONS CRASHES SECONDS [RUNS [SEED]]
set -u

bin=$1 corpus=$2 regress=$3 crashes=$4 seconds=$5 runs=${6:-} seed=${7:-}
name=$(basename "$bin")
dir=$(dirname "$crashes")
log=$dir/$name.log
mkdir -p "$corpus" "$crashes" "$dir/logs"
# libFuzzer takes any unsigned 32-bit seed.
[ -n "$seed" ] || seed=$(od -An -N4 -tu4 /dev/urandom | tr -d ' ')

# Sanitizer reports with symbols, in the log as well as on failure.
ASAN_OPTIONS=${ASAN_OPTIONS:-}${ASAN_OPTIONS:+:}symbolize=1
UBSAN_OPTIONS=${UBSAN_OPTIONS:-}${UBSAN_OPTIONS:+:}print_stacktrace=1
export ASAN_OPTIONS UBSAN_OPTIONS

status=0

# Prints "N inputs (B bytes, digest D)" for a corpus directory: the digest
# is of the inputs' contents, so two runs can tell they began alike.
corpus_size() {
	n=$(find "$1" -type f | wc -l)
	bytes=$(find "$1" -type f -exec cat {} + | wc -c)
	digest=$(find "$1" -type f -exec sha256sum {} + | cut -d' ' -f1 |
	    sort | sha256sum | cut -c1-16)
	echo "$n inputs ($bytes bytes, digest $digest)"
}

# Prints why the target failed, the sanitizer's report and the input kept.
#	report WHY LOG
report() {
	echo "$name: $1; log in $2" >&2
	grep '^Running: ' "$2" | tail -1 | sed "s/^/$name: /" >&2
	grep -E -A60 '^==[0-9]+==|runtime error|^ALARM|deadly signal' "$2" |
	    head -80 >&2
	grep 'Test unit written to' "$2" | sed "s/^/$name: /" >&2
	status=1
}

# Regression inputs first: what failed once must keep working.  A failure
# is reported, and fuzzing goes on, for other bugs.
set -- "$regress"/*
if [ -f "$1" ]; then
	if ! "$bin" -timeout=10 -artifact_prefix="$crashes/$name-" "$@" \
	    >"$log.regressions" 2>&1; then
		report "a regression input in $regress fails" "$log.regressions"
	fi
fi

if [ -n "$runs" ]; then
	limit=-runs=$runs
else
	limit=-max_total_time=$seconds
fi
# The corpus as the run finds it, kept: with it and the seed, a run of
# RUNS inputs repeats.
# Taken before the run: the tree may change while it goes on.
commit=$(git describe --always --dirty 2>/dev/null || echo unknown)
when=$(date -u +%Y%m%dT%H%M%SZ)
snapshot=$dir/logs/$name-$when-corpus.tar.gz
tar -czf "$snapshot" -C "$corpus" .
before=$(corpus_size "$corpus")
start=$(date +%s)
# New inputs go into the corpus directory.  Inputs past 64 KiB (the root
# archives, programs with symbols) are cut there: libFuzzer copies each
# input for every run, and they made fuzz_tar three times slower.
set -- "$limit" -seed="$seed" -max_len=65536 -timeout=10 \
    -print_final_stats=1 -artifact_prefix="$crashes/$name-"
"$bin" "$@" "$corpus" >"$log" 2>&1
rc=$?
end=$(date +%s)
execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
after=$(corpus_size "$corpus")
line="$name: ${execs:-?} executions in $((end - start)) s, seed $seed,"
line="$line corpus $before before, ${after%% *} after"
echo "$line"
[ "$rc" -eq 0 ] && result=ok || result="failed (exit status $rc)"
cp "$log" "$dir/logs/$name-$when.log"
{
	echo "$when commit $commit: $line; $result"
	echo "    repeat: mkdir c && tar -xzf $snapshot -C c &&" \
	    "$bin $* c"
	echo "    log: $dir/logs/$name-$when.log"
} >>"$dir/runs.log"
[ "$rc" -eq 0 ] || report "an input failed (exit status $rc)" "$log"
exit $status
