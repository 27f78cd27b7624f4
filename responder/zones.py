"""The zone a customer reads times in: the job's (its work address), else the number's, else the business's.

A Boston job booked from a 415 number is read in Boston: the technician drives to the address, not to
the phone. The number's area code is only a guess for when no address says where the job is.
"""

from __future__ import annotations

from zoneinfo import ZoneInfo

from compliance.timezones import zones_for_number
from compliance.us_states import STATES, state_code
from store.models import WorkAddress


def job_zone(phone: str, address: WorkAddress | None, business_zone: ZoneInfo) -> ZoneInfo:
    """The zone to show times in, for the job at `address` (None: no address known) of the customer at `phone`."""
    if address is not None:
        if address.time_zone:
            return ZoneInfo(address.time_zone)
        state = state_code(address.state)
        if state:
            zones = STATES[state][1]
            # A state spanning zones: the business's own when it is one of them, else the state's main one.
            return business_zone if business_zone.key in zones else ZoneInfo(zones[0])
    number_zones = zones_for_number(phone)
    return ZoneInfo(number_zones[0]) if number_zones else business_zone
