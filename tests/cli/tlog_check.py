"""An independent reading of docs/SPEC.md §4, for checking fairdraw's log from outside.

Written from the specification with the Python standard library and the
`openssl` command line (for Ed25519), sharing no code with fairdraw: RFC 6962
tree hashing (literal recursive MTH), RFC 9162 §2.1.3.2 and §2.1.4.2 proof
verification, C2SP signed notes, checkpoints and verifier keys.
"""
import base64
import hashlib
import json
import os
import subprocess
import tempfile

EM_DASH = "\u2014"
ED25519_SPKI_PREFIX = bytes.fromhex("302a300506032b6570032100")       # RFC 8410 SubjectPublicKeyInfo
ED25519_PKCS8_PREFIX = bytes.fromhex("302e020100300506032b657004220420")  # RFC 8410 OneAsymmetricKey


def leaf_hash(data: bytes) -> bytes:
    return hashlib.sha256(b"\x00" + data).digest()


def node_hash(left: bytes, right: bytes) -> bytes:
    return hashlib.sha256(b"\x01" + left + right).digest()


def mth(leaves):
    """RFC 6962 §2.1 MTH over leaf hashes, literally."""
    n = len(leaves)
    if n == 0:
        return hashlib.sha256(b"").digest()
    if n == 1:
        return leaves[0]
    k = 1
    while k * 2 < n:
        k *= 2
    return node_hash(mth(leaves[:k]), mth(leaves[k:]))


def verify_inclusion(leaf, index, size, proof, root):
    """RFC 9162 §2.1.3.2."""
    if index >= size:
        return False
    fn, sn, r = index, size - 1, leaf
    for p in proof:
        if sn == 0:
            return False
        if fn & 1 or fn == sn:
            r = node_hash(p, r)
            while not fn & 1 and fn != 0:
                fn >>= 1
                sn >>= 1
        else:
            r = node_hash(r, p)
        fn >>= 1
        sn >>= 1
    return sn == 0 and r == root


def verify_consistency(first, second, proof, first_hash, second_hash):
    """RFC 9162 §2.1.4.2 (0 < first < second)."""
    if not 0 < first < second or not proof:
        return False
    path = list(proof)
    if first & (first - 1) == 0:
        path.insert(0, first_hash)
    fn, sn = first - 1, second - 1
    while fn & 1:
        fn >>= 1
        sn >>= 1
    fr = sr = path[0]
    for c in path[1:]:
        if sn == 0:
            return False
        if fn & 1 or fn == sn:
            fr = node_hash(c, fr)
            sr = node_hash(c, sr)
            while not fn & 1 and fn != 0:
                fn >>= 1
                sn >>= 1
        else:
            sr = node_hash(sr, c)
        fn >>= 1
        sn >>= 1
    return fr == first_hash and sr == second_hash and sn == 0


def key_id(name: str, public_key: bytes) -> bytes:
    return hashlib.sha256(name.encode() + b"\n" + b"\x01" + public_key).digest()[:4]


def parse_verifier_key(text: str):
    name, id_hex, key_b64 = text.strip().split("+", 2)
    raw = base64.b64decode(key_b64, validate=True)
    assert raw[0] == 1 and len(raw) == 33, "not an Ed25519 verifier key"
    assert key_id(name, raw[1:]).hex() == id_hex, "key ID does not match"
    return name, raw[1:]


def verifier_key_text(name: str, public_key: bytes) -> str:
    typed = base64.b64encode(bytes([1]) + public_key).decode()
    return f"{name}+{key_id(name, public_key).hex()}+{typed}"


def ed25519_verify(public_key: bytes, message: bytes, signature: bytes) -> bool:
    with tempfile.TemporaryDirectory() as d:
        paths = {n: os.path.join(d, n) for n in ("pub.der", "msg", "sig")}
        for name, data in (("pub.der", ED25519_SPKI_PREFIX + public_key), ("msg", message), ("sig", signature)):
            with open(paths[name], "wb") as f:
                f.write(data)
        proc = subprocess.run(["openssl", "pkeyutl", "-verify", "-pubin", "-keyform", "DER", "-inkey",
                               paths["pub.der"], "-rawin", "-in", paths["msg"], "-sigfile", paths["sig"]],
                              capture_output=True)
        return proc.returncode == 0


def ed25519_sign(seed: bytes, message: bytes) -> bytes:
    with tempfile.TemporaryDirectory() as d:
        key, msg, sig = (os.path.join(d, n) for n in ("key.der", "msg", "sig"))
        with open(key, "wb") as f:
            f.write(ED25519_PKCS8_PREFIX + seed)
        with open(msg, "wb") as f:
            f.write(message)
        subprocess.run(["openssl", "pkeyutl", "-sign", "-keyform", "DER", "-inkey", key, "-rawin", "-in", msg,
                        "-out", sig], check=True, capture_output=True)
        with open(sig, "rb") as f:
            return f.read()


def ed25519_public_key(seed: bytes) -> bytes:
    with tempfile.TemporaryDirectory() as d:
        key = os.path.join(d, "key.der")
        with open(key, "wb") as f:
            f.write(ED25519_PKCS8_PREFIX + seed)
        der = subprocess.run(["openssl", "pkey", "-inform", "DER", "-in", key, "-pubout", "-outform", "DER"],
                             check=True, capture_output=True).stdout
        return der[-32:]


def open_note(note: str, name: str, public_key: bytes) -> str:
    """Returns the note text if one signature line is a valid signature by (name, key)."""
    split = note.rindex("\n\n")
    text, sigs = note[:split + 1], note[split + 2:]
    kid = key_id(name, public_key)
    for line in sigs.splitlines():
        assert line.startswith(EM_DASH + " "), line
        signer, b64 = line[2:].split(" ")
        raw = base64.b64decode(b64, validate=True)
        if signer == name and raw[:4] == kid:
            if ed25519_verify(public_key, text.encode(), raw[4:]):
                return text
            raise AssertionError("bad signature")
    raise AssertionError("no signature by the key")


def sign_note(text: str, name: str, seed: bytes) -> str:
    public_key = ed25519_public_key(seed)
    sig = key_id(name, public_key) + ed25519_sign(seed, text.encode())
    return text + "\n" + f"{EM_DASH} {name} {base64.b64encode(sig).decode()}\n"


def parse_checkpoint(text: str):
    lines = text.split("\n")
    assert lines[-1] == "" and len(lines) == 4, "a fairdraw checkpoint has exactly three lines"
    return lines[0], int(lines[1]), base64.b64decode(lines[2], validate=True)


def canonical(value) -> str:
    """docs/SPEC.md §2."""
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
