# Job control: background jobs, wait for each, their statuses, jobs and kill.
set -m
(exit 3) &
first=$!
sleep 30 &
second=$!
wait $first
echo "first exited $?"
kill $second
wait $second
echo "second ended $?"
jobs
echo done
