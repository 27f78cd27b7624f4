"""Where a recipient is: the time zones (and US states) whose rules a message must satisfy."""

from dataclasses import dataclass
from functools import lru_cache
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import phonenumbers
from phonenumbers import timezone as phone_timezone

from compliance.us_states import STATES, state_code

NUMBER = "number"
ADDRESS = "address"
BUSINESS = "business"  # the fallback when nothing tells us where the recipient is

_UNKNOWN_ZONE = "Etc/Unknown"
_TERRITORY_REGIONS = frozenset({"PR", "VI", "GU", "AS", "MP"})


@dataclass(frozen=True)
class Recipient:
    phone_e164: str
    address_state: str | None = None
    address_tz: str | None = None


@dataclass(frozen=True)
class Zone:
    tz: str
    state: str | None  # two-letter US state or territory, when known
    source: str  # NUMBER, ADDRESS or BUSINESS

    @property
    def unknown(self) -> bool:
        return self.source == BUSINESS

    def label(self) -> str:
        return f"{self.tz} ({self.state})" if self.state else self.tz


def recipient_zones(recipient: Recipient, business_tz: str) -> tuple[Zone, ...]:
    """Every zone that applies to the recipient; a moment must be allowed in all of them.

    The number's zones and the service address's zone both count when they differ. With neither,
    the single zone is the business's own, marked unknown (the strictest hours apply there).
    """
    number_state = state_for_number(recipient.phone_e164)
    zones = [Zone(tz, number_state, NUMBER) for tz in zones_for_number(recipient.phone_e164)]
    address_state = _address_state(recipient.address_state)
    if recipient.address_tz:
        zones.append(Zone(_checked_tz(recipient.address_tz), address_state, ADDRESS))
    elif address_state:
        zones.extend(Zone(tz, address_state, ADDRESS) for tz in STATES[address_state][1])
    if not zones:
        return (Zone(_checked_tz(business_tz), None, BUSINESS),)
    unique: dict[tuple[str, str | None], Zone] = {}
    for zone in zones:
        unique.setdefault((zone.tz, zone.state), zone)
    return tuple(unique.values())


# Area codes do not move: a number's zones and state are looked up once per process.
@lru_cache(maxsize=65536)
def zones_for_number(phone_e164: str) -> tuple[str, ...]:
    """IANA zones of a geographic number's area code; () for toll-free, invalid or unparsable."""
    number = _parsed(phone_e164)
    if number is None or not phonenumbers.is_number_geographical(number):
        return ()
    return tuple(tz for tz in phone_timezone.time_zones_for_number(number) if tz != _UNKNOWN_ZONE)


@lru_cache(maxsize=65536)
def state_for_number(phone_e164: str) -> str | None:
    """Two-letter US state (or territory) of a geographic number's area code, else None."""
    number = _parsed(phone_e164)
    if number is None or not phonenumbers.is_number_geographical(number):
        return None
    region = phonenumbers.region_code_for_number(number)
    if region in _TERRITORY_REGIONS:
        return region
    if region != "US":
        return None
    # The geocoder says "Florida", "Los Angeles, CA", "Washington State" or "Washington D.C.".
    # Imported here: its data takes most of a second to load, which `flask db upgrade` need not pay.
    from phonenumbers import geocoder

    return state_code(geocoder.description_for_number(number, "en"))


def _parsed(phone_e164: str) -> phonenumbers.PhoneNumber | None:
    try:
        number = phonenumbers.parse(phone_e164, None)
    except phonenumbers.NumberParseException:
        return None
    return number if phonenumbers.is_valid_number(number) else None


def _address_state(text: str | None) -> str | None:
    code = state_code(text)
    if text and text.strip() and code is None:
        raise ValueError(f"address state {text!r} is not a US state or territory")
    return code


def _checked_tz(name: str) -> str:
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise ValueError(f"unknown time zone {name!r}") from None
    return name
