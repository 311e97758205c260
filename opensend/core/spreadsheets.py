"""Cells for CSV downloads that a spreadsheet will show as text, never run as a formula."""

# A spreadsheet opens a cell starting with one of these as a formula (OWASP "CSV injection"):
# a name typed as "=HYPERLINK(...)" must not become a live link in the SENCO's spreadsheet.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def csv_safe(value) -> str:
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text
