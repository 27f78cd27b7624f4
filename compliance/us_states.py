"""US states and territories: two-letter code -> (name, IANA zones the state spans).

Geography, not policy: the rules themselves live in rules.toml. A state listed with several zones
gets all of them, so an address known only by its state must fit the window in each.
"""

STATES: dict[str, tuple[str, tuple[str, ...]]] = {
    "AL": ("Alabama", ("America/Chicago",)),
    "AK": ("Alaska", ("America/Anchorage", "America/Adak")),
    "AZ": ("Arizona", ("America/Phoenix",)),
    "AR": ("Arkansas", ("America/Chicago",)),
    "CA": ("California", ("America/Los_Angeles",)),
    "CO": ("Colorado", ("America/Denver",)),
    "CT": ("Connecticut", ("America/New_York",)),
    "DE": ("Delaware", ("America/New_York",)),
    "DC": ("District of Columbia", ("America/New_York",)),
    "FL": ("Florida", ("America/New_York", "America/Chicago")),
    "GA": ("Georgia", ("America/New_York",)),
    "HI": ("Hawaii", ("Pacific/Honolulu",)),
    "ID": ("Idaho", ("America/Boise", "America/Los_Angeles")),
    "IL": ("Illinois", ("America/Chicago",)),
    "IN": ("Indiana", ("America/Indiana/Indianapolis", "America/Chicago")),
    "IA": ("Iowa", ("America/Chicago",)),
    "KS": ("Kansas", ("America/Chicago", "America/Denver")),
    "KY": ("Kentucky", ("America/New_York", "America/Chicago")),
    "LA": ("Louisiana", ("America/Chicago",)),
    "ME": ("Maine", ("America/New_York",)),
    "MD": ("Maryland", ("America/New_York",)),
    "MA": ("Massachusetts", ("America/New_York",)),
    "MI": ("Michigan", ("America/Detroit", "America/Menominee")),
    "MN": ("Minnesota", ("America/Chicago",)),
    "MS": ("Mississippi", ("America/Chicago",)),
    "MO": ("Missouri", ("America/Chicago",)),
    "MT": ("Montana", ("America/Denver",)),
    "NE": ("Nebraska", ("America/Chicago", "America/Denver")),
    "NV": ("Nevada", ("America/Los_Angeles",)),
    "NH": ("New Hampshire", ("America/New_York",)),
    "NJ": ("New Jersey", ("America/New_York",)),
    "NM": ("New Mexico", ("America/Denver",)),
    "NY": ("New York", ("America/New_York",)),
    "NC": ("North Carolina", ("America/New_York",)),
    "ND": ("North Dakota", ("America/Chicago", "America/Denver")),
    "OH": ("Ohio", ("America/New_York",)),
    "OK": ("Oklahoma", ("America/Chicago",)),
    "OR": ("Oregon", ("America/Los_Angeles", "America/Boise")),
    "PA": ("Pennsylvania", ("America/New_York",)),
    "RI": ("Rhode Island", ("America/New_York",)),
    "SC": ("South Carolina", ("America/New_York",)),
    "SD": ("South Dakota", ("America/Chicago", "America/Denver")),
    "TN": ("Tennessee", ("America/Chicago", "America/New_York")),
    "TX": ("Texas", ("America/Chicago", "America/Denver")),
    "UT": ("Utah", ("America/Denver",)),
    "VT": ("Vermont", ("America/New_York",)),
    "VA": ("Virginia", ("America/New_York",)),
    "WA": ("Washington", ("America/Los_Angeles",)),
    "WV": ("West Virginia", ("America/New_York",)),
    "WI": ("Wisconsin", ("America/Chicago",)),
    "WY": ("Wyoming", ("America/Denver",)),
    "PR": ("Puerto Rico", ("America/Puerto_Rico",)),
    "VI": ("U.S. Virgin Islands", ("America/St_Thomas",)),
    "GU": ("Guam", ("Pacific/Guam",)),
    "AS": ("American Samoa", ("Pacific/Pago_Pago",)),
    "MP": ("Northern Mariana Islands", ("Pacific/Saipan",)),
}

# Spellings phonenumbers' geocoder uses besides the plain names above.
_ALIASES = {
    "washington state": "WA",
    "washington d.c.": "DC",
    "washington, d.c.": "DC",
}
_BY_NAME = {name.casefold(): code for code, (name, _) in STATES.items()} | _ALIASES


def state_code(text: str | None) -> str | None:
    """Return the two-letter code for a state code, a state name or "City, ST"; None if unknown."""
    if not text or not text.strip():
        return None
    cleaned = text.strip()
    if cleaned.upper() in STATES:
        return cleaned.upper()
    if cleaned.casefold() in _BY_NAME:
        return _BY_NAME[cleaned.casefold()]
    tail = cleaned.rsplit(",", 1)[-1].strip().upper()
    return tail if "," in cleaned and tail in STATES else None


def state_name(code: str) -> str:
    """Return the state's name, or the code itself when it is not a US state or territory."""
    return STATES[code][0] if code in STATES else code
