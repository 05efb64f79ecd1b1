"""Money as people type it ("$2,300", "2300 USD", "12.50 eur"), kept exact: integer minor units.

Amounts never pass through a binary float: text becomes a Decimal, then an integer count of the
currency's minor unit (cents), checked against how many decimals the currency has.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from netdash.domain.errors import InvalidInput

#: Active ISO 4217 codes (the ones people give and raise money in; funds and metals left out).
CURRENCIES = frozenset(
    """AED AFN ALL AMD ANG AOA ARS AUD AWG AZN BAM BBD BDT BGN BHD BIF BMD BND BOB BRL BSD BTN
    BWP BYN BZD CAD CDF CHF CLP CNY COP CRC CUP CVE CZK DJF DKK DOP DZD EGP ERN ETB EUR FJD FKP
    GBP GEL GHS GIP GMD GNF GTQ GYD HKD HNL HTG HUF IDR ILS INR IQD IRR ISK JMD JOD JPY KES KGS
    KHR KMF KPW KRW KWD KYD KZT LAK LBP LKR LRD LSL LYD MAD MDL MGA MKD MMK MNT MOP MRU MUR MVR
    MWK MXN MYR MZN NAD NGN NIO NOK NPR NZD OMR PAB PEN PGK PHP PKR PLN PYG QAR RON RSD RUB RWF
    SAR SBD SCR SDG SEK SGD SHP SLE SOS SRD SSP STN SYP SZL THB TJS TMT TND TOP TRY TTD TWD TZS
    UAH UGX USD UYU UZS VES VND VUV WST XAF XCD XOF XPF YER ZAR ZMW ZWL""".split()
)
#: ISO 4217 currencies whose minor unit is not a hundredth.
MINOR_UNIT_DIGITS = {"JPY": 0, "KRW": 0, "ISK": 0, "CLP": 0, "VND": 0, "BHD": 3, "KWD": 3, "OMR": 3}
SYMBOLS = {"$": "USD", "€": "EUR", "£": "GBP", "¥": "JPY", "₹": "INR", "₩": "KRW"}
_AMOUNT = re.compile(
    r"(?P<symbol>[$€£¥₹₩])?\s*(?P<number>\d[\d,]*(?:\.\d+)?)\s*(?P<code>[A-Za-z]{3})?$"
)


class NotMoney(InvalidInput):
    """The text is not written as an amount of money at all (as opposed to a wrong amount)."""


def minor_digits(currency: str) -> int:
    return MINOR_UNIT_DIGITS.get(currency, 2)


def parse_money(text: str) -> tuple[int, str]:
    """``(minor units, ISO code)`` for "$2,300", "2300 USD", "12.50 eur"; InvalidInput else."""
    cleaned = text.strip()
    if cleaned.startswith("-"):
        raise InvalidInput(f"{text.strip()!r}: an amount cannot be negative", field="amount")
    match = _AMOUNT.match(cleaned)
    if not match or not (match["symbol"] or match["code"]):
        raise NotMoney(
            f"{cleaned!r} is not an amount with a currency (e.g. 2300 USD, $50)", field="amount"
        )
    code = match["code"]
    if code and code.upper() not in CURRENCIES:
        if code.isupper():  # written like a currency code, but not one
            raise InvalidInput(f"{code} is not an ISO 4217 currency code", field="amount")
        raise NotMoney(f"{cleaned!r} is a count, not money", field="amount")  # "5 cat": a unit
    if match["symbol"] and code:
        raise InvalidInput(f"{cleaned!r}: give a symbol or a code, not both", field="amount")
    currency = (code or SYMBOLS[match["symbol"]]).upper()
    number = match["number"]
    if "," in number and not re.fullmatch(r"\d{1,3}(,\d{3})+(\.\d+)?", number):
        raise InvalidInput(f"{text.strip()!r}: commas must group thousands (2,300)", field="amount")
    try:
        amount = Decimal(number.replace(",", ""))
    except InvalidOperation:
        raise InvalidInput(f"{text.strip()!r} is not a number", field="amount") from None
    digits = minor_digits(currency)
    minor = amount.scaleb(digits)
    if minor != minor.to_integral_value():
        raise InvalidInput(
            f"{currency} has {digits} decimal places; {number} has more", field="amount"
        )
    if minor > 10**15:
        raise InvalidInput(f"{text.strip()!r} is too large", field="amount")
    return int(minor), currency
