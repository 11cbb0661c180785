# Keep users whose shell is dash, rename the field, number nothing.
/dash$/!d
s/:x:/:*:/
s/\/home\/\(user[0-9]*\)/~\1/
