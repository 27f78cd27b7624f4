"""Keep one Procfile process running: start it again whenever it exits, until told to stop.

    python supervise.py -- COMMAND [ARGS...]

Under `make run`, honcho stops every process as soon as one exits, so a worker that died would take
the web and the sweeper down with it. Each Procfile line runs under this supervisor instead: the
command is restarted after a pause that doubles up to 30 s while it keeps failing fast. SIGTERM or
SIGINT is passed on to the command, and the supervisor exits with it. The command runs in its own
process group, which is ended with it (so a SIGKILLed worker's scheduler child does not linger), and
gets SIGTERM if the supervisor itself is killed (Linux), so it is never orphaned.
"""

from __future__ import annotations

import ctypes
import os
import signal
import subprocess
import sys
import time

FIRST_PAUSE_SECONDS = 1.0
MAX_PAUSE_SECONDS = 30.0
# A command that ran this long was healthy: its next restart waits the first pause again.
HEALTHY_AFTER_SECONDS = 60.0
PR_SET_PDEATHSIG = 1


def main(argv: list[str]) -> int:
    if "--" not in argv or argv.index("--") == len(argv) - 1:
        print("usage: python supervise.py -- COMMAND [ARGS...]", file=sys.stderr)
        return 2
    command = argv[argv.index("--") + 1:]
    name = command[0]
    state = {"stopping": False, "child": None}

    def stop(signum, frame):
        state["stopping"] = True
        if state["child"] is not None and state["child"].poll() is None:
            state["child"].send_signal(signum)

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    pause = FIRST_PAUSE_SECONDS
    while True:
        started = time.monotonic()
        state["child"] = subprocess.Popen(command, start_new_session=True, preexec_fn=_die_with_parent)
        code = _wait(state["child"])
        _end_group(state["child"].pid)
        if state["stopping"]:
            return _exit_status(code)
        if time.monotonic() - started > HEALTHY_AFTER_SECONDS:
            pause = FIRST_PAUSE_SECONDS
        print(f"supervise: {name} exited with {code}; starting it again in {pause:.0f} s", file=sys.stderr,
              flush=True)
        deadline = time.monotonic() + pause
        while not state["stopping"] and time.monotonic() < deadline:
            time.sleep(0.1)
        if state["stopping"]:
            return _exit_status(code)
        pause = min(pause * 2, MAX_PAUSE_SECONDS)


def _end_group(group: int) -> None:
    """What the command left behind (an RQ worker's scheduler or work horse, orphaned by a SIGKILL)
    goes with it: it would hold the lock, and honcho's output pipe, forever."""
    for sig, grace in ((signal.SIGTERM, 5.0), (signal.SIGKILL, 0.0)):
        try:
            os.killpg(group, sig)
        except ProcessLookupError:
            return
        deadline = time.monotonic() + grace
        while time.monotonic() < deadline:
            try:
                os.killpg(group, 0)
            except ProcessLookupError:
                return
            time.sleep(0.05)


def _exit_status(code: int) -> int:
    return 128 - code if code < 0 else code  # killed by signal N: 128 + N, as a shell says


def _wait(child: subprocess.Popen) -> int:
    while True:
        try:
            return child.wait()
        except InterruptedError:  # pragma: no cover - PEP 475 retries, kept for clarity
            continue


def _die_with_parent() -> None:
    try:
        ctypes.CDLL(None).prctl(PR_SET_PDEATHSIG, signal.SIGTERM)
    except (OSError, AttributeError):
        pass  # not Linux: honcho's SIGTERM to the supervisor still reaches the command through stop()


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
