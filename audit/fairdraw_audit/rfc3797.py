"""RFC 3797 selection (SPEC §11), for checking `fairdraw rfc3797` outputs."""
import hashlib
import re
from fractions import Fraction


class SourceError(ValueError):
    pass


def canonical_source(value):
    if re.search(r"[A-Za-z]", value):
        if not value.isascii():
            raise SourceError(f"text source {value!r} is not ASCII")
        return re.sub(r"[^A-Z0-9]", "", value.upper()) + "./"
    parts = re.split(r"[ \t\n\v\f\r]+", value.strip(" \t\n\v\f\r"))
    if parts == [""]:
        raise SourceError("a numeric source needs at least one number")
    nums = []
    for p in parts:
        m = re.fullmatch(r"([0-9]+)(?:\.([0-9]+))?", p)
        if not m:
            raise SourceError(f"{p!r} is not a number")
        whole = str(int(m.group(1)))
        frac = (m.group(2) or "").rstrip("0")
        val = Fraction(int(m.group(1) + (m.group(2) or "")), 10 ** len(m.group(2) or ""))
        nums.append((val, whole + "." + frac))
    nums.sort(key=lambda x: x[0])
    return "".join(t for _, t in nums) + "/"


def select(key, pool, count):
    """Rows (selection, md5 hex, remainder, modulus, position 1-based, entry)."""
    remaining = list(range(len(pool)))
    rows = []
    kb = key.encode("ascii")
    for i in range(count):
        d = hashlib.md5(i.to_bytes(2, "big") + kb + i.to_bytes(2, "big")).digest()
        modulus = len(pool) - i
        rem = int.from_bytes(d, "big") % modulus
        pos = remaining.pop(rem)
        rows.append({"selection": i + 1, "md5": d.hex().upper(), "remainder": rem, "modulus": modulus,
                     "position": pos + 1, "entry": pool[pos]})
    return rows
