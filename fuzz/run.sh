#!/bin/sh
# Runs one libFuzzer target: its checked-in regression inputs once each,
# then fuzzing from its corpus for SECONDS (or exactly RUNS inputs, when
# RUNS is set and not empty).  Prints one line,
#	fuzz_tar: 1234567 executions in 60 s
# and exits non-zero if an input crashed, leaked or hung (10 s); the input
# is then in CRASHES/ and the sanitizer's report is printed.
#   fuzz/run.sh BINARY CORPUS REGRESSIONS CRASHES SECONDS [RUNS]
set -u

bin=$1 corpus=$2 regress=$3 crashes=$4 seconds=$5 runs=${6:-}
name=$(basename "$bin")
log=$(dirname "$crashes")/$name.log
mkdir -p "$corpus" "$crashes"

# Sanitizer reports with symbols, in the log as well as on failure.
ASAN_OPTIONS=${ASAN_OPTIONS:-}${ASAN_OPTIONS:+:}symbolize=1
UBSAN_OPTIONS=${UBSAN_OPTIONS:-}${UBSAN_OPTIONS:+:}print_stacktrace=1
export ASAN_OPTIONS UBSAN_OPTIONS

status=0

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
start=$(date +%s)
# New inputs go into the corpus directory.  Inputs past 64 KiB (the root
# archives, programs with symbols) are cut there: libFuzzer copies each
# input for every run, and they made fuzz_tar three times slower.
"$bin" "$limit" -max_len=65536 -timeout=10 -print_final_stats=1 \
    -artifact_prefix="$crashes/$name-" "$corpus" >"$log" 2>&1
rc=$?
end=$(date +%s)
execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
echo "$name: ${execs:-?} executions in $((end - start)) s"
[ "$rc" -eq 0 ] || report "an input failed (exit status $rc)" "$log"
exit $status
