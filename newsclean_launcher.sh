#!/bin/sh
# The `newsclean` command on POSIX systems (hatch_build.py installs it; on Windows the command is
# the Python entry point itself). It runs `newsclean-python`, the Python entry point installed
# beside it, as its child, and answers Ctrl-C and SIGTERM from its own first line on: a Python
# interpreter cannot answer a signal in the tens of milliseconds before it runs any code, where
# SIGTERM killed it silently and Ctrl-C gave a traceback (issue 13).
#
# A Ctrl-C, SIGTERM or SIGQUIT reaches the child as one SIGTERM (a child started with `&` by a
# script ignores SIGINT and SIGQUIT; Ctrl-C reaches this script), which newsclean answers with
# exit 130 and one line. When the child ends by that signal before Python could answer it, this
# script writes the line and exits 130 itself. Otherwise the exit status is the child's (128 + N
# when signal N ended it), and standard input, output and error are the child's own.

stopped=
trap 'stopped=yes' INT TERM QUIT

# This script's folder, through symbolic links (pipx links commands into ~/.local/bin).
self=$0
while [ -h "$self" ]; do
    link=$(ls -ld -- "$self")
    link=${link#*' -> '}
    case $link in
        /*) self=$link ;;
        *) self=$(dirname -- "$self")/$link ;;
    esac
done
entry=$(dirname -- "$self")/newsclean-python
if [ ! -x "$entry" ]; then
    entry=$(command -v newsclean-python) || {
        echo "newsclean: newsclean-python is not installed beside $self; reinstall newsclean" >&2
        exit 2
    }
fi

if [ -n "$stopped" ]; then
    echo "newsclean: interrupted" >&2
    exit 130
fi
# Standard input goes through fd 3: a command started with `&` would read /dev/null.
exec 3<&0
"$entry" "$@" <&3 3<&- &
child=$!
exec 3<&-
resend=
forward() {
    if [ -z "$stopped" ]; then
        stopped=yes
        kill -TERM "$child" 2>/dev/null
        # A signal that reaches the child between its fork and its exec of Python is lost (the
        # shell's handler is still in place there): send it again every 0.2 s (1 s where sleep
        # takes whole seconds only) until the child is gone. Python answers the first only.
        (while sleep 0.2 2>/dev/null || sleep 1; do kill -TERM "$child" 2>/dev/null || exit 0; done) &
        resend=$!
    fi
}
trap forward INT TERM QUIT
if [ -n "$stopped" ]; then  # a signal came while the child was being started
    stopped=
    forward
fi
while :; do
    # Quiet: a shell reports a child ended by a signal ("Terminated") on its standard error.
    wait "$child" 2>/dev/null
    status=$?
    # A signal makes `wait` return early (over 128) while the child runs on (or is a zombie).
    if kill -0 "$child" 2>/dev/null; then
        continue
    fi
    # The child is gone. If a signal cut `wait` short just as the shell collected the child,
    # the child's own status is still to be asked for (127 once the shell has given it).
    if [ "$status" -gt 128 ]; then
        wait "$child" 2>/dev/null
        again=$?
        if [ "$again" -ne 127 ]; then
            status=$again
        fi
    fi
    break
done
if [ -n "$resend" ]; then
    kill "$resend" 2>/dev/null
fi
if [ -n "$stopped" ] && [ "$status" -gt 128 ] && [ "$status" -ne 130 ]; then
    echo "newsclean: interrupted" >&2
    exit 130
fi
exit "$status"
