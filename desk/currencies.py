"""ISO 4217 currencies the desk can format: each active code with its minor-unit digits.

Money is kept as integer minor units (section 3 of the design); showing and parsing an amount
needs the number of decimals of the library's currency, so a settings file naming a code that is
not here is refused rather than formatted with a guessed two decimals. Funds, precious metals
and testing codes (XAU, XTS, XXX, ...) are left out: no library takes fines in them.
"""

from __future__ import annotations

_THREE = "BHD IQD JOD KWD LYD OMR TND"
_ZERO = ("BIF CLP DJF GNF ISK JPY KMF KRW PYG RWF UGX UYI VND VUV XAF XOF XPF "
         # Taiwan's dollar has cents in ISO 4217, but nothing in Taiwan is priced in them:
         # the desk (and every receipt the seeds show) uses whole dollars.
         "TWD")
_TWO = (
    "AED AFN ALL AMD ANG AOA ARS AUD AWG AZN BAM BBD BDT BGN BMD BND BOB BRL BSD BTN BWP BYN "
    "BZD CAD CDF CHF CNY COP CRC CUP CVE CZK DKK DOP DZD EGP ERN ETB EUR FJD FKP GBP GEL GHS "
    "GIP GMD GTQ GYD HKD HNL HTG HUF IDR ILS INR IRR JMD KES KGS KHR KPW KYD KZT LAK LBP LKR "
    "LRD LSL MAD MDL MGA MKD MMK MNT MOP MRU MUR MVR MWK MXN MYR MZN NAD NGN NIO NOK NPR NZD "
    "PAB PEN PGK PHP PKR PLN QAR RON RSD RUB SAR SBD SCR SDG SEK SGD SHP SLE SOS SRD SSP STN "
    "SVC SYP SZL THB TJS TMT TOP TRY TTD TZS UAH USD UZS VES WST XCD YER ZAR ZMW ZWG")

CURRENCY_DECIMALS: dict[str, int] = {
    **{code: 2 for code in _TWO.split()},
    **{code: 3 for code in _THREE.split()},
    **{code: 0 for code in _ZERO.split()},
}


def decimals_of(code: str) -> int:
    """The minor-unit digits of ``code`` (a code the settings let through is always known)."""
    return CURRENCY_DECIMALS[code]
