# Here-documents: expanded, quoted, with tabs stripped, into a command and a loop.
name=world
cat <<END
hello $name, $(echo substituted) and $((2 + 3))
END
cat <<'END'
not expanded: $name $(echo no)
END
	cat <<-END
	tabs stripped for $name
	END
while read -r a b; do echo "$b-$a"; done <<END
1 one
2 two
END
tr a-z A-Z <<END | sort -r
beta
alpha
END
