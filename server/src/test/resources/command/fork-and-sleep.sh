# Leaves processes behind in every way a program can: a double-forked grandchild (re-parented to init), a child
# with a child of its own, and itself, all sleeping "$1" seconds (a number unique to the test, to find them in /proc).
( sleep "$1" & ) &
sh -c "sleep $1; :" &
sleep "$1"
