"""Canonical JSON (SPEC §2) and the hashes built on it.

The spec defines canonical JSON so that it equals Python's json.dumps with
sorted keys, compact separators and raw UTF-8; the checks here refuse the
values the spec rules out (floats, large integers, non-ASCII keys) instead of
writing them some other way.
"""
import hashlib
import hmac
import json

MAX_INT = 2**53 - 1


class NotCanonical(ValueError):
    pass


def _check(value, where="$"):
    if isinstance(value, bool) or value is None or isinstance(value, str):
        return
    if isinstance(value, int):
        if abs(value) > MAX_INT:
            raise NotCanonical(f"{where}: integer {value} outside ±(2^53−1)")
        return
    if isinstance(value, float):
        raise NotCanonical(f"{where}: floating-point number {value!r}")
    if isinstance(value, list):
        for i, v in enumerate(value):
            _check(v, f"{where}[{i}]")
        return
    if isinstance(value, dict):
        for k, v in value.items():
            if not isinstance(k, str) or any(not (0x20 <= ord(c) <= 0x7E) for c in k):
                raise NotCanonical(f"{where}: key {k!r} is not printable ASCII")
            _check(v, f"{where}.{k}")
        return
    raise NotCanonical(f"{where}: unsupported type {type(value).__name__}")


def dumps(value):
    """The canonical JSON text of value (a str)."""
    _check(value)
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"), sort_keys=True)


def dumpb(value):
    """The canonical JSON bytes of value."""
    return dumps(value).encode("utf-8")


def dumpb_row(row):
    """Canonical bytes of a snapshot row: a flat object of strings, an `extra` list of string pairs and a
    `sealed` object of strings (check_row in bundle.py checks those types). Only the keys need checking,
    which keeps a million rows fast."""
    if not isinstance(row, dict) or any(not k.isascii() or not k.isprintable() for k in row):
        return dumpb(row)
    return json.dumps(row, ensure_ascii=False, separators=(",", ":"), sort_keys=True).encode("utf-8")


def sha256_hex(data):
    return hashlib.sha256(data).hexdigest()


def doc_id(value):
    """SHA-256 of the canonical JSON of a document, as hex (announcement id, result id, ...)."""
    return sha256_hex(dumpb(value))


def _no_duplicates(pairs):
    seen = {}
    for k, v in pairs:
        if k in seen:
            raise NotCanonical(f"duplicate key {k!r}")
        seen[k] = v
    return seen


def _no_float(text):
    raise NotCanonical(f"floating-point number {text}")


def loads_strict(data):
    """Parse JSON refusing duplicate keys and floating-point numbers."""
    if isinstance(data, bytes):
        data = data.decode("utf-8")
    return json.loads(data, object_pairs_hook=_no_duplicates, parse_float=_no_float,
                      parse_constant=_no_float)


def is_canonical(data):
    """True when the bytes data are exactly the canonical JSON of what they parse to."""
    try:
        return dumpb(loads_strict(data)) == data
    except (ValueError, UnicodeDecodeError):
        return False


def keyed(seed, *args):
    """T(label, ...) of SPEC §7: HMAC-SHA-256 keyed with the seed over a canonical JSON array."""
    return hmac.new(seed, dumpb(list(args)), hashlib.sha256).digest()
