#!/usr/bin/env python3
"""Writes docs/vectors/announcement-seal.json: public rows and public roots (docs/SPEC.md §6.2).

Independent of the fairdraw code: it takes the canonical rows of the snapshot
vectors (docs/vectors/snapshot-*.json, themselves written by hand), seals
their confidential fields with a fixed key as SPEC §6.2 says, using Python's
hmac, hashlib and json (canonical JSON = json.dumps with sort_keys, SPEC §2),
and computes the RFC 6962 roots over the public rows. The unit test
tests/unit/test_seal.cpp reads the file and compares fairdraw's output.
"""
import hashlib
import hmac
import json
from pathlib import Path

HERE = Path(__file__).resolve().parent
KEY = bytes(range(32))  # K = 00 01 02 … 1f, a fixed test key


def canonical(value) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"), sort_keys=True)


def leaf_hash(data: bytes) -> bytes:
    return hashlib.sha256(b"\x00" + data).digest()


def mth(leaves):
    if len(leaves) == 1:
        return leaves[0]
    k = 1
    while k * 2 < len(leaves):
        k *= 2
    return hashlib.sha256(b"\x01" + mth(leaves[:k]) + mth(leaves[k:])).digest()


def seal(kind, fields, rows):
    out = []
    for row in rows:
        value = json.loads(row["canonical"])
        salts, sealed = {}, {}
        for f in fields:
            salt = hmac.new(KEY, canonical(["fairdraw-seal-v1", kind, row["id"], f]).encode(), hashlib.sha256).digest()
            salts[f] = salt.hex()
            sealed[f] = hashlib.sha256(salt + value.pop(f, "").encode()).hexdigest()
        if fields:
            value["sealed"] = sealed
        public = canonical(value)
        out.append({"id": row["id"], "canonical": row["canonical"], "salts": salts, "public": public,
                    "leaf_hash": leaf_hash(public.encode()).hex()})
    return {"kind": kind, "fields": fields, "rows": out,
            "root": mth([leaf_hash(r["canonical"].encode()) for r in rows]).hex(),
            "public_root": mth([bytes.fromhex(r["leaf_hash"]) for r in out]).hex()}


def main():
    rows = {k: json.loads((HERE / f"snapshot-{k}.json").read_text(encoding="utf-8"))["rows"]
            for k in ("enterprises", "inspectors", "conflicts")}
    doc = {
        "description": "public rows of the snapshot vectors: enterprises with credit_class sealed (one row has "
                       "none, so \"\" is sealed), enterprises with credit_class and region sealed (no row has a "
                       "region), conflicts with reason sealed (IDs hold a 0x00 byte; one reason a backslash), "
                       "inspectors with nothing sealed (public root = root)",
        "how_obtained": "docs/vectors/seal_vectors.py, from docs/SPEC.md §6.2 with Python hmac, hashlib and json; "
                        "the canonical rows are those of docs/vectors/snapshot-*.json",
        "key": KEY.hex(),
        "vectors": [seal("enterprises", ["credit_class"], rows["enterprises"]),
                    seal("enterprises", ["credit_class", "region"], rows["enterprises"]),
                    seal("conflicts", ["reason"], rows["conflicts"]),
                    seal("inspectors", [], rows["inspectors"])],
    }
    (HERE / "announcement-seal.json").write_text(json.dumps(doc, ensure_ascii=False, indent=1) + "\n",
                                                 encoding="utf-8")


if __name__ == "__main__":
    main()
