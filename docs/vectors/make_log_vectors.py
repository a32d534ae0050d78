#!/usr/bin/env python3
"""Writes docs/vectors/log-fairdraw.json: known answers for docs/SPEC.md §4.

The answers are computed here, from the specification, with the Python
standard library and the `openssl` command line (Ed25519 signing); nothing of
fairdraw's own code is used, so the unit test that compares fairdraw with this
file checks the two against each other. The signing key is derived from a
public seed: it is a test key, never a real log's key.

Usage: python3 docs/vectors/make_log_vectors.py   (from the repository root)
"""
import base64
import hashlib
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "tests" / "cli"))
import tlog_check as t  # noqa: E402  (the independent implementation used by the end-to-end tests)

SEED = hashlib.sha256(b"fairdraw log test vector key").digest()
ORIGIN = "fairdraw.example-district.gov.cn/log"
TIME = "2026-11-20T02:00:00Z"
ACTOR = "法制科 operator"


def b64(data: bytes) -> str:
    return base64.b64encode(data).decode()


def main():
    public_key = t.ed25519_public_key(SEED)
    vkey = t.verifier_key_text(ORIGIN, public_key)
    specs = [
        ("workspace.init", {"origin": ORIGIN, "verifier_key": vkey, "schema_from": 0, "schema_to": 2}),
        ("log.annotate", {"text": "抽查方案已公示 (plan published)\n\"quoted\" \\ tab\t"}),
        ("log.annotate", {"text": "second remark"}),
    ]
    entries = [t.canonical({"v": 1, "index": i, "type": typ, "time": TIME, "actor": ACTOR, "payload": payload})
               for i, (typ, payload) in enumerate(specs)]
    leaves = [t.leaf_hash(e.encode()) for e in entries]
    roots = {str(n): t.mth(leaves[:n]).hex() for n in range(1, len(leaves) + 1)}
    checkpoints = {}
    for n in range(1, len(leaves) + 1):
        text = f"{ORIGIN}\n{n}\n{b64(t.mth(leaves[:n]))}\n"
        checkpoints[str(n)] = {"text": text, "signed_note": t.sign_note(text, ORIGIN, SEED)}
    # PATH(1, D[3]) and PROOF(1, D[3]), by the RFC 6962 definitions: for 3 leaves
    # k = 2; leaf 1 is in D[0:2], so PATH = [leaf 0, MTH(D[2:3])];
    # PROOF(1, D[3]) = SUBPROOF(1, D[0:2], true) + [MTH(D[2:3])] = [leaf 1, leaf 2].
    inclusion_path = [leaves[0], leaves[2]]
    assert t.verify_inclusion(leaves[1], 1, 3, inclusion_path, t.mth(leaves))
    consistency_path = [leaves[1], leaves[2]]
    assert t.verify_consistency(1, 3, consistency_path, t.mth(leaves[:1]), t.mth(leaves))
    tlog_proof = ("c2sp.org/tlog-proof@v1\n" + "extra " + b64(entries[1].encode()) + "\n" + "index 1\n" +
                  "".join(b64(h) + "\n" for h in inclusion_path) + "\n" + checkpoints["3"]["signed_note"])
    out = {
        "description": "Known answers for docs/SPEC.md section 4, computed by docs/vectors/make_log_vectors.py "
                       "from the specification with Python's hashlib and the openssl command line (not with "
                       "fairdraw). The key is a TEST key derived from a public seed.",
        "seed_hex": SEED.hex(),
        "origin": ORIGIN,
        "public_key_base64": b64(public_key),
        "key_id_hex": t.key_id(ORIGIN, public_key).hex(),
        "verifier_key": vkey,
        "entries": [{"type": typ, "time": TIME, "actor": ACTOR, "payload": payload, "canonical": e,
                     "leaf_hash_hex": h.hex()} for (typ, payload), e, h in zip(specs, entries, leaves)],
        "roots_hex": roots,
        "checkpoints": checkpoints,
        "inclusion": {"index": 1, "size": 3, "path_base64": [b64(h) for h in inclusion_path], "tlog_proof": tlog_proof},
        "consistency": {"old": 1, "new": 3, "path_base64": [b64(h) for h in consistency_path]},
    }
    path = Path(__file__).with_name("log-fairdraw.json")
    path.write_text(json.dumps(out, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    print(f"wrote {path}")


if __name__ == "__main__":
    main()
