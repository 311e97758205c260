"""The Unique Pupil Number and NHS number checks.

UPN: 13 characters, a check letter then 12 characters (LA code, school number, year, serial;
a temporary UPN ends in a letter). DfE "Unique pupil numbers (UPN)" guidance, Annex A: the
check letter is the weighted sum of characters 2 to 13 (weights 2 to 13, a letter counting as
its place in the alphabet below) modulo 23, looked up in that same alphabet, which leaves out
I, O and S.
"""

import re

UPN_ALPHABET = "ABCDEFGHJKLMNPQRTUVWXYZ"
_UPN_SHAPE = re.compile(r"[A-HJ-NP-RT-Z]\d{11}[0-9A-HJ-NP-RT-Z]")


def upn_check_letter(last_twelve: str) -> str:
    total = 0
    for weight, character in enumerate(last_twelve, start=2):
        value = int(character) if character.isdigit() else UPN_ALPHABET.index(character)
        total += weight * value
    return UPN_ALPHABET[total % 23]


def upn_problem(upn: str) -> str | None:
    """Why `upn` is not a valid UPN, in plain English, or None if it is valid."""
    if len(upn) != 13:
        return f"A UPN has 13 characters; this has {len(upn)}"
    if not _UPN_SHAPE.fullmatch(upn):
        return (
            "A UPN is a capital letter, 11 digits, then a digit or capital letter (never I, O or S)"
        )
    if upn_check_letter(upn[1:]) != upn[0]:
        return "The check letter does not match the rest of the UPN: check it for typing errors"
    return None


def nhs_number_problem(number: str) -> str | None:
    """Why `number` is not a valid NHS number (10 digits, modulus 11 check), or None.

    NHS Digital Data Dictionary, "NHS number": weights 10 down to 2 on the first nine digits;
    11 minus the remainder is the check digit, 11 meaning 0 and 10 meaning invalid.
    """
    digits = number.replace(" ", "")
    if not re.fullmatch(r"\d{10}", digits):
        return "An NHS number has 10 digits"
    total = sum(
        int(digit) * weight for digit, weight in zip(digits[:9], range(10, 1, -1), strict=True)
    )
    check = 11 - total % 11
    check = 0 if check == 11 else check
    if check == 10 or check != int(digits[9]):
        return "This is not a valid NHS number: check it for typing errors"
    return None
