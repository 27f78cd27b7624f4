"""`make run`'s processes under honcho: one process dying takes nothing else down, and comes back
(issue 10, fault 2). Each Procfile line runs under supervise.py."""

from __future__ import annotations

import os
import signal
import subprocess
import time

import requests

from tests.faults.harness import BIN, free_port, wait_until


def _descendants(root: int) -> dict[int, str]:
    """Every process below `root`, with its command line."""
    table = subprocess.run(["ps", "-ww", "-eo", "pid=,ppid=,args="], capture_output=True, text=True, check=True).stdout
    children: dict[int, list[tuple[int, str]]] = {}
    for line in table.splitlines():
        pid, ppid, args = line.strip().split(None, 2)
        children.setdefault(int(ppid), []).append((int(pid), args))
    found, stack = {}, [root]
    while stack:
        for pid, args in children.get(stack.pop(), []):
            found[pid] = args
            stack.append(pid)
    return found


def _worker_pid(honcho: int) -> int | None:
    return next((pid for pid, args in _descendants(honcho).items()
                 if "flask --app app worker" in args and "supervise.py" not in args), None)


def _healthy(url: str) -> bool:
    try:
        return requests.get(url, timeout=2).status_code == 200
    except requests.RequestException:
        return False


def test_a_killed_worker_takes_nothing_down_and_comes_back(processes):
    port = free_port()
    processes.env = {**processes.env, "PORT": str(port), "WEB_CONCURRENCY": "1"}
    honcho = processes.start("honcho", [str(BIN / "honcho"), "start", "-f", "Procfile"])
    health = f"http://127.0.0.1:{port}/healthz"
    assert wait_until(lambda: _healthy(health) and _worker_pid(honcho.pid) is not None, 60), processes.log("honcho")
    first_worker = _worker_pid(honcho.pid)
    assert wait_until(lambda: "Listening on" in processes.log("honcho"), 60)

    os.kill(first_worker, signal.SIGKILL)
    answered = []
    for _ in range(10):
        answered.append(_healthy(health))
        time.sleep(0.3)
    assert wait_until(lambda: _worker_pid(honcho.pid) not in (None, first_worker), 30), processes.log("honcho")
    print(f"\nworker SIGKILLed under honcho: web answered {sum(answered)}/10 health checks meanwhile, "
          f"honcho running: {honcho.poll() is None}, new worker pid {_worker_pid(honcho.pid)}")
    assert all(answered) and honcho.poll() is None

    honcho.send_signal(signal.SIGTERM)
    honcho.wait(30)
    assert wait_until(lambda: not _descendants(honcho.pid), 10)
