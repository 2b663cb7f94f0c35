# Reports what the sandbox lets through: $1 a TCP port on the host's 127.0.0.1, $2 a file outside the working folder,
# $3 a file in Toolgate's data folder.
if (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; then echo "network: reachable"; else echo "network: refused"; fi
if (echo x > "$2") 2>/dev/null; then echo "outside: written"; else echo "outside: refused"; fi
if (echo x > inside.txt) 2>/dev/null; then echo "inside: written"; else echo "inside: refused"; fi
if cat "$3" >/dev/null 2>&1; then echo "data: readable"; else echo "data: hidden"; fi
