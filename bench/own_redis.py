"""A throwaway redis-server on a free port for one benchmark run, so no shared database is flushed or filled."""

from __future__ import annotations

import contextlib
import shutil
import socket
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

START_SECONDS = 10


@contextlib.contextmanager
def own_redis(workdir: Path) -> Iterator[str]:
    """Start redis-server (no persistence, files in `workdir`), yield its URL, stop it afterwards."""
    from redis import Redis

    executable = shutil.which("redis-server")
    if executable is None:
        raise SystemExit("redis-server is not on PATH")
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    process = subprocess.Popen([executable, "--port", str(port), "--bind", "127.0.0.1", "--save", "",
                                "--appendonly", "no", "--dir", str(workdir)], stdout=subprocess.DEVNULL)
    url = f"redis://127.0.0.1:{port}/0"
    try:
        deadline = time.monotonic() + START_SECONDS
        while True:
            try:
                Redis.from_url(url, socket_connect_timeout=0.2).ping()
                break
            except Exception:  # noqa: BLE001 -- not up yet
                if time.monotonic() > deadline or process.poll() is not None:
                    raise
                time.sleep(0.05)
        yield url
    finally:
        process.terminate()
        process.wait(timeout=10)
