"""Spread a campaign's first texts so they respect the quiet hours of each recipient and the
business number's send rate (Twilio: 1 message/s on a long code, SEND_RATE_PER_SECOND).

Recipients with the same zones share their allowed windows, so they form one group. One slot per
1/rate seconds is handed out on a single timeline; at each moment the open group whose window
closes first is served (earliest deadline first), a run of slots at a time. The gate still checks
every text when its job runs; pacing only keeps the jobs from piling up behind a closed window.
"""

from __future__ import annotations

from collections.abc import Hashable, Sequence
from datetime import datetime, timedelta

from compliance.quiet_hours import allowed_windows
from compliance.rules import Purpose, Rules
from compliance.timezones import Zone


def spread(recipients: Sequence[tuple[Hashable, tuple[Zone, ...]]], start: datetime, purpose: Purpose,
           rules: Rules, per_second: int) -> dict[Hashable, datetime]:
    """A send moment for each recipient key, one per 1/per_second seconds, inside its zones' hours."""
    gap = timedelta(seconds=1 / per_second)
    groups: dict[tuple[Zone, ...], list[Hashable]] = {}
    for key, zones in recipients:
        groups.setdefault(zones, []).append(key)
    windows = {zones: allowed_windows(start, purpose, zones, rules) for zones in groups}
    served = {zones: 0 for zones in groups}
    slots: dict[Hashable, datetime] = {}
    moment = start
    while groups:
        best = None
        for zones in groups:
            window = _window_at(windows, zones, moment, purpose, rules)
            if window is None:
                continue
            opens, closes = window
            rank = (max(opens, moment), closes)
            if best is None or rank < best[0]:
                best = (rank, zones)
        if best is None:
            raise ValueError("no allowed window for the remaining recipients")
        (opens, closes), zones = best
        moment = opens
        members = groups[zones]
        while served[zones] < len(members) and moment < closes:
            slots[members[served[zones]]] = moment
            served[zones] += 1
            moment += gap
        if served[zones] == len(members):
            del groups[zones]
    return slots


def _window_at(windows, zones, moment: datetime, purpose: Purpose, rules: Rules):
    """The group's first window that ends after `moment`, extending the search past SEARCH_DAYS when needed."""
    for _ in range(2):
        for opens, closes in windows[zones]:
            if closes > moment:
                return opens, closes
        windows[zones] = allowed_windows(moment, purpose, zones, rules)
    return None
