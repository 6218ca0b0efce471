"""One spelling of a certificate number, for the loader and for verification alike.

People type what they read off a certificate: lower case, full-width characters from a
Chinese input method, spaces or no hyphens ("cpa-2020-000123", "ＣＰＡ２０２０000123"). Issuers
do not tell numbers apart by case or separators, so every write stores the number as printed
*and* its key from `certificate_number_normalise` (IssuedCertificate.number_key), and the
verification lookup matches the key exactly: the same certificate is found however its
number is typed, and the printed spelling is still what the registry shows and exports.
"""

import re
import unicodedata

# Spaces and the dash family (hyphen, non-breaking hyphen, en and em dash, minus, the
# full-width hyphen is folded to "-" by NFKC first).
_SEPARATORS = re.compile(r"[\s\-\u2010-\u2015\u2212\u30fc]+")


def certificate_number_normalise(number: str) -> str:
    """The number folded to half-width upper case without spaces or hyphens."""
    # NFKC leaves ASCII as it is: skipping it is the same answer, faster for bulk loads.
    folded = (number if number.isascii() else unicodedata.normalize("NFKC", number)).upper()
    return _SEPARATORS.sub("", folded)
