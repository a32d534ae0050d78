"""Verifier keys, signed notes and checkpoints (SPEC §4.4, §4.5).

Ed25519 signatures are checked by the `openssl` command: the raw 32-byte key
is wrapped in the fixed DER SubjectPublicKeyInfo prefix of RFC 8410, so no
crypto library beyond the standard one is needed.
"""
import base64
import binascii
import hashlib
import os
import subprocess
import tempfile

# RFC 8410 §4: SEQUENCE { SEQUENCE { OID 1.3.101.112 } BIT STRING (32 bytes) }.
ED25519_SPKI_PREFIX = bytes.fromhex("302a300506032b6570032100")
EM_DASH = "\u2014"


class NoteError(ValueError):
    pass


class EnvironmentProblem(RuntimeError):
    """The openssl command is missing or unusable (exit code 3)."""


def b64decode_strict(text):
    try:
        raw = base64.b64decode(text.encode("ascii"), validate=True)
    except (binascii.Error, UnicodeEncodeError) as e:
        raise NoteError(f"not base64: {text!r}") from e
    if base64.b64encode(raw).decode("ascii") != text:
        raise NoteError(f"not canonical padded base64: {text!r}")
    return raw


def key_id(name, public_key):
    return int.from_bytes(hashlib.sha256(name.encode("utf-8") + b"\n\x01" + public_key).digest()[:4], "big")


def _valid_name(name):
    if not name or len(name.encode("utf-8")) > 256:
        return False
    return not any(c == "+" or c.isspace() or ord(c) < 0x20 or 0x7F <= ord(c) <= 0x9F for c in name)


class VerifierKey:
    def __init__(self, text):
        text = text.strip("\n")
        # the name holds no '+', the key ID is hex; base64 may hold '+'
        parts = text.split("+", 2)
        if len(parts) != 3:
            raise NoteError(f"verifier key {text!r}: expected <name>+<key id>+<key>")
        name, hexid, b64 = parts
        if not _valid_name(name):
            raise NoteError(f"verifier key {text!r}: bad name")
        if len(hexid) != 8 or any(c not in "0123456789abcdef" for c in hexid):
            raise NoteError(f"verifier key {text!r}: key ID must be 8 lower-case hex digits")
        raw = b64decode_strict(b64)
        if len(raw) != 33 or raw[0] != 1:
            raise NoteError(f"verifier key {text!r}: key must be 0x01 and 32 bytes of Ed25519 key")
        self.name = name
        self.public_key = raw[1:]
        self.key_id = key_id(name, self.public_key)
        if self.key_id != int(hexid, 16):
            raise NoteError(f"verifier key {text!r}: states key ID {hexid}, computed {self.key_id:08x}")
        self.text = text

    def verify(self, message, signature):
        return ed25519_verify(self.public_key, message, signature)


def ed25519_verify(public_key, message, signature):
    """True when signature is a valid Ed25519 signature of message, checked by `openssl pkeyutl`."""
    if len(signature) != 64 or len(public_key) != 32:
        return False
    with tempfile.TemporaryDirectory(prefix="fairdraw-audit-") as tmp:
        paths = {}
        for name, data in (("key.der", ED25519_SPKI_PREFIX + public_key), ("msg", message), ("sig", signature)):
            paths[name] = os.path.join(tmp, name)
            with open(paths[name], "wb") as f:
                f.write(data)
        try:
            proc = subprocess.run(
                ["openssl", "pkeyutl", "-verify", "-pubin", "-inkey", paths["key.der"], "-keyform", "DER",
                 "-rawin", "-in", paths["msg"], "-sigfile", paths["sig"]],
                stdout=subprocess.PIPE, stderr=subprocess.PIPE, check=False)
        except OSError as e:
            raise EnvironmentProblem(f"cannot run openssl: {e}") from e
        out = proc.stdout.decode("utf-8", "replace")
        if proc.returncode == 0 and "Signature Verified Successfully" in out:
            return True
        if "Signature Verification Failure" in out or proc.returncode == 1:
            return False
        raise EnvironmentProblem("openssl pkeyutl failed: " + proc.stderr.decode("utf-8", "replace").strip())


def open_note(note, key):
    """Open a signed note (bytes) with a VerifierKey; returns the text bytes or raises NoteError."""
    try:
        s = note.decode("utf-8")
    except UnicodeDecodeError as e:
        raise NoteError("note is not valid UTF-8") from e
    if any((ord(c) < 0x20 and c != "\n") or ord(c) == 0x7F for c in s):
        raise NoteError("note contains a control character")
    if not s.endswith("\n"):
        raise NoteError("note does not end with a newline")
    cut = s.rfind("\n\n")
    if cut < 0:
        raise NoteError("note has no empty line before its signatures")
    text, sigs = s[: cut + 1], s[cut + 2:]
    lines = sigs[:-1].split("\n")
    if len(lines) > 100:
        raise NoteError("note has more than 100 signature lines")
    verified = 0
    for line in lines:
        prefix = EM_DASH + " "
        if not line.startswith(prefix):
            raise NoteError(f"malformed signature line {line!r}")
        rest = line[len(prefix):]
        parts = rest.split(" ")
        if len(parts) != 2 or not parts[0]:
            raise NoteError(f"malformed signature line {line!r}")
        name, b64 = parts
        raw = b64decode_strict(b64)
        if len(raw) < 5:
            raise NoteError(f"signature line {line!r} too short")
        kid = int.from_bytes(raw[:4], "big")
        if name != key.name or kid != key.key_id:
            continue
        if not key.verify(text.encode("utf-8"), raw[4:]):
            raise NoteError(f"signature of {name} does not verify")
        verified += 1
    if verified == 0:
        raise NoteError(f"note has no signature by {key.name}+{key.key_id:08x}")
    return text.encode("utf-8")


class Checkpoint:
    def __init__(self, origin, size, root, note):
        self.origin, self.size, self.root, self.note = origin, size, root, note


def open_checkpoint(note, key):
    """Open a signed checkpoint (§4.5) with the log's verifier key."""
    text = open_note(note, key).decode("utf-8")
    lines = text.split("\n")[:-1]
    if len(lines) != 3:
        raise NoteError(f"checkpoint text has {len(lines)} lines, expected 3 (no extension lines)")
    origin, size_s, root_s = lines
    if origin != key.name:
        raise NoteError(f"checkpoint origin {origin!r} is not the key name {key.name!r}")
    if not size_s.isascii() or not size_s.isdigit() or (size_s != "0" and size_s.startswith("0")):
        raise NoteError(f"checkpoint tree size {size_s!r} is not a decimal number")
    size = int(size_s)
    if size < 1:
        raise NoteError("checkpoint tree size is 0")
    root = b64decode_strict(root_s)
    if len(root) != 32:
        raise NoteError("checkpoint root is not 32 bytes")
    return Checkpoint(origin, size, root, note)
