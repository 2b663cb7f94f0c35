sleep "$1"
echo slept
