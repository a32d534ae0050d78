"""Randomness sources (SPEC §6): canonical values, normalized sources, the seed (§7).

A value as typed is turned into its canonical value by the table of §6; the
seed hashes the canonical values, so two people who typed the same draw in
different spacing get the same seed.
"""
import hashlib
import re

from . import cjson

KIND_MEMBERS = {
    "numbers": ["count", "min", "max"],
    "text": [],
    "hex": ["bytes"],
    "witness": ["digits"],
    "secret": ["sha256", "chain"],
}


class ValueError_(ValueError):
    pass


def normalize_source(src):
    """Every member of the source's kind, null where not given, chain 1 by default."""
    kind = src.get("kind")
    if kind not in KIND_MEMBERS:
        raise ValueError_(f"source {src.get('name')!r}: unknown kind {kind!r}")
    out = {"name": src.get("name"), "kind": kind, "description": src.get("description"),
           "expected": src.get("expected")}
    for m in KIND_MEMBERS[kind]:
        out[m] = src.get(m)
    if kind == "secret" and out["chain"] is None:
        out["chain"] = 1
    return out


def _trim(s):
    return s.strip(" \u3000")


def canonical_value(src, typed):
    """The canonical value of a typed value for a source (raises ValueError_ naming the problem)."""
    name, kind = src["name"], src["kind"]
    v = _trim(typed)
    if kind == "numbers":
        # separators before the first or after the last number are ignored ("3, 5, 8." is 3 5 8)
        body = v.strip(" ,.")
        if not re.fullmatch(r"[0-9]+([ ,.]+[0-9]+)*", body):
            raise ValueError_(f"{name}: expected {src['count']} numbers separated by spaces, commas or dots, found {typed!r}")
        nums = [int(x) for x in re.split(r"[ ,.]+", body)]
        if len(nums) != src["count"]:
            raise ValueError_(f"{name}: expected {src['count']} numbers, found {len(nums)}")
        for x in nums:
            if x > 2**53 - 1 or (src.get("min") is not None and x < src["min"]) or \
                    (src.get("max") is not None and x > src["max"]):
                raise ValueError_(f"{name}: {x} outside [{src.get('min')}, {src.get('max')}]")
        return "".join(f"{x}." for x in sorted(nums)) + "/"
    if kind == "text":
        if not v or any(ord(c) < 0x20 or ord(c) == 0x7F for c in v):
            raise ValueError_(f"{name}: expected non-empty text without control characters")
        return v
    if kind == "hex":
        if not re.fullmatch(r"(?:[0-9a-fA-F]{2})+", v):
            raise ValueError_(f"{name}: expected an even number of hex digits, found {typed!r}")
        if src.get("bytes") is not None and len(v) != 2 * src["bytes"]:
            raise ValueError_(f"{name}: expected {src['bytes']} bytes, found {len(v) // 2}")
        return v.lower()
    if kind == "witness":
        if not re.fullmatch(r"[0-9]+", v) or len(v) != src["digits"]:
            raise ValueError_(f"{name}: expected exactly {src['digits']} decimal digits, found {typed!r}")
        return v
    if kind == "secret":
        if not re.fullmatch(r"(?:[0-9a-fA-F]{2})+", v):
            raise ValueError_(f"{name}: expected hex digits, found a value of {len(v)} characters")
        if hashlib.sha256(bytes.fromhex(v)).hexdigest() != src["sha256"]:
            raise ValueError_(f"{name}: the value does not hash to the announced commitment")
        return v.lower()
    raise ValueError_(f"{name}: unknown kind {kind!r}")


def check_canonical(src, value):
    """§12.5 step 8: value is accepted by its source and is its own canonical form.

    A numbers value in canonical form (`2.5.8./`) ends in `/`, which the typed
    grammar of §6 does not allow, so it is read as the RFC 3797 form it is.
    """
    typed = value
    if src["kind"] == "numbers":
        if not re.fullmatch(r"(?:[0-9]+\.)+/", value):
            raise ValueError_(f"{src['name']}: {value!r} is not a canonical numbers value (e.g. 2.5.8./)")
        typed = value[:-2]
    canon = canonical_value(src, typed)
    if canon != value:
        raise ValueError_(f"{src['name']}: {value!r} is not in canonical form ({canon!r})")


def seed(announcement_id, values):
    """SPEC §7: the draw's seed (32 bytes) from the announcement id and [name, canonical value] pairs."""
    return hashlib.sha256(cjson.dumpb({"announcement": announcement_id, "scheme": "fairdraw-seed-v1",
                                       "values": values})).digest()
