# Functions, recursion, local variables, positional parameters, case, return statuses.
fact() {
	if [ "$1" -le 1 ]; then echo 1; return; fi
	echo $(( $1 * $(fact $(( $1 - 1 ))) ))
}
classify() {
	case "$1" in
	[0-9]*) echo "$1: number" ;;
	*.txt) echo "$1: text file" ;;
	"") echo "empty"; return 3 ;;
	*) echo "$1: other" ;;
	esac
}
echo "args: $# [$1] [$2]"
for x in "$@" 42 notes.txt ""; do classify "$x"; done
echo "status $?"
echo "10! = $(fact 10)"
i=0
while [ $i -lt 5 ]; do i=$((i + 1)); [ $i -eq 3 ] && continue; printf "%d " $i; done
echo
