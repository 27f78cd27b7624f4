"""The settings of this process, for code that runs outside a request (RQ jobs, the sweeper).

`create_app` and the worker command set them once; a job started by a bare `rq worker` falls back
to reading the environment.
"""

from __future__ import annotations

from config import Settings

_settings: Settings | None = None


def configure(settings: Settings) -> None:
    global _settings
    _settings = settings


def settings() -> Settings:
    global _settings
    if _settings is None:
        _settings = Settings.from_env()
    return _settings
