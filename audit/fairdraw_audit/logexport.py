"""`fairdraw-audit log-export DIR`: the checks of `fairdraw log verify-export` (SPEC §4.8).

An export is entries.jsonl, checkpoint and verifier.key. Every entry is
checked (§4.2), the entries' tree must have the checkpoint's size and root,
and with --since an earlier checkpoint must be a prefix of it.
"""
import os

from . import merkle, note
from .bundle import BadInput, check_entry


def _read(folder, name):
    try:
        with open(os.path.join(folder, name), "rb") as f:
            return f.read()
    except OSError as e:
        raise BadInput(f"{name}: {e.strerror}") from e


def run(rep, folder, key_arg=None, since=None):
    if not os.path.isdir(folder):
        raise BadInput(f"{folder}: not a folder")
    try:
        key = note.VerifierKey(_read(folder, "verifier.key").decode("utf-8"))
    except (note.NoteError, UnicodeDecodeError) as e:
        rep.fail("verifier.key", str(e))
        return
    if key_arg is not None:
        given = key_arg
        if os.path.isfile(given):
            with open(given, encoding="utf-8") as f:
                given = f.read()
        try:
            gk = note.VerifierKey(given.strip())
        except note.NoteError as e:
            raise BadInput(f"--key: {e}") from e
        if not rep.check("verifier.key is the given key", gk.text == key.text, f"found {key.text}"):
            return
    else:
        rep.ok(f"verifier.key: {key.text} (not checked against an independently obtained key, use --key)")
    try:
        cp = note.open_checkpoint(_read(folder, "checkpoint"), key)
        rep.ok(f"checkpoint: signed by the key, tree size {cp.size}")
    except note.NoteError as e:
        rep.fail("checkpoint", str(e))
        return
    data = _read(folder, "entries.jsonl")
    if data and not data.endswith(b"\n"):
        rep.fail("entries.jsonl", "the last line does not end with a newline")
        return
    lines = data[:-1].split(b"\n") if data else []
    leaves = []
    for n, line in enumerate(lines):
        try:
            entry = check_entry(line, n)
        except ValueError as e:
            rep.fail(f"entries.jsonl line {n + 1}", str(e))
            return
        if n == 0 and (entry["type"] != "workspace.init" or entry["payload"].get("verifier_key") != key.text):
            rep.fail("entries.jsonl line 1", "entry 0 must be a workspace.init naming the export's key")
            return
        leaves.append(merkle.leaf_hash(line))
    rep.ok(f"entries.jsonl: {len(lines)} entries, each canonical with its index; entry 0 names the key")
    if not rep.check("entries match the checkpoint", len(leaves) == cp.size and
                     merkle.root_of_hashes(leaves) == cp.root,
                     f"{len(leaves)} entries, the checkpoint signs size {cp.size}; or the roots differ"):
        return
    if since is not None:
        try:
            with open(since, "rb") as f:
                old = note.open_checkpoint(f.read(), key)
        except OSError as e:
            raise BadInput(f"--since: {e.strerror}") from e
        except note.NoteError as e:
            rep.fail("since", str(e))
            return
        rep.check(f"since: the export extends the saved checkpoint of size {old.size}",
                  old.size <= cp.size and merkle.root_of_hashes(leaves[: old.size]) == old.root,
                  "the saved checkpoint is not a prefix of the export's log")
