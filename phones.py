"""Phone numbers in E.164, the one form the service stores and compares."""

import phonenumbers

DEFAULT_REGION = "US"


class InvalidPhoneNumber(ValueError):
    pass


def to_e164(raw: str) -> str:
    try:
        number = phonenumbers.parse(raw or "", DEFAULT_REGION)
    except phonenumbers.NumberParseException as error:
        raise InvalidPhoneNumber(f"{raw!r} is not a phone number") from error
    if not phonenumbers.is_possible_number(number):
        raise InvalidPhoneNumber(f"{raw!r} is not a possible phone number")
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
