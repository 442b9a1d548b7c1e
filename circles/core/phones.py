"""Phone numbers in one form, E.164 (+4586123456), parsed with phonenumbers; Danish by default."""

import phonenumbers

DEFAULT_REGION = "DK"


def e164(text: str | None, region: str = DEFAULT_REGION) -> str | None:
    """The number as +<country><number>, or None when it is not a possible phone number.

    '86 12 34 56', '+45 86-12-34-56' and '0045 86123456' are all +4586123456.
    """
    if not text or not text.strip():
        return None
    try:
        number = phonenumbers.parse(text, region)
    except phonenumbers.NumberParseException:
        return None
    if not phonenumbers.is_possible_number(number):
        return None
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def from_msisdn(msisdn) -> str | None:
    """An SMS provider's MSISDN (4512345678, as a number or text, without +) in E.164."""
    digits = str(msisdn or "").strip().lstrip("+")
    return e164(f"+{digits}") if digits.isdigit() else None


def msisdn(number: str) -> int:
    """E.164 as the MSISDN an SMS provider wants: the digits, without +."""
    return int(number.lstrip("+"))
