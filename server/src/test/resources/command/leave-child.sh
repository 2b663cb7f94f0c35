# Exits at once but leaves a double-forked child sleeping "$1" seconds.
( sleep "$1" & ) &
echo started
