# Writes many lines to stderr, then fails.
i=0
while [ $i -lt 3000 ]; do echo "error line $i" >&2; i=$((i+1)); done
exit 3
