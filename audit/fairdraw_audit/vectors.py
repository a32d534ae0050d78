"""`fairdraw-audit vectors`: recompute every test vector in docs/vectors/ from the spec alone."""
import base64
import json
import os

from . import cjson, merkle, note, plan as planmod, rfc3797, snapshot
from .replay import replay_vector
from .substitute import Refused


def _load(path):
    with open(path, encoding="utf-8") as f:
        return json.load(f)


def check_snapshot(rep, name, v):
    kind = v["kind"]
    rows, _ = snapshot.read_table(kind, v["input"]["text"], v["input"]["format"])
    canon = snapshot.canonical_rows(kind, rows)
    rep.equal(f"{name}: canonical rows from the input file", [c.decode("utf-8") for _, c in canon],
              [r["canonical"] for r in v["rows"]])
    rep.equal(f"{name}: IDs in order", [i.decode("utf-8") for i, _ in canon], [r["id"] for r in v["rows"]])
    rep.equal(f"{name}: leaf hashes", [merkle.leaf_hash(r["canonical"].encode()).hex() for r in v["rows"]],
              [r["leaf_hash"] for r in v["rows"]])
    rep.equal(f"{name}: root", snapshot.root([r["canonical"].encode() for r in v["rows"]]), v["root"])


def check_seal(rep, name, v):
    key = bytes.fromhex(v["key"])
    for vec in v["vectors"]:
        kind, fields = vec["kind"], vec["fields"]
        label = f"{name}: {kind} sealed {fields}"
        pubs, ok_salts = [], True
        for r in vec["rows"]:
            row = cjson.loads_strict(r["canonical"])
            rid = snapshot.row_id(kind, row).decode("utf-8")
            for f, s in r.get("salts", {}).items():
                ok_salts &= snapshot.salt(key, kind, rid, f).hex() == s
            pubs.append(snapshot.public_row(key, kind, row, fields))
        rep.check(f"{label}: salts", ok_salts)
        rep.equal(f"{label}: public rows", [p.decode("utf-8") for p in pubs], [r["public"] for r in vec["rows"]])
        rep.equal(f"{label}: root", snapshot.root([r["canonical"].encode() for r in vec["rows"]]), vec["root"])
        rep.equal(f"{label}: public root", snapshot.root(pubs), vec["public_root"])


def check_merkle(rep, name, v):
    leaves = [bytes.fromhex(x) for x in v["leaves"]]
    rep.equal(f"{name}: empty root", merkle.root([]).hex(), v["empty_root"])
    for size, r in sorted(v["roots"].items(), key=lambda p: int(p[0])):
        rep.equal(f"{name}: root of size {size}", merkle.root(leaves[: int(size)]).hex(), r)
    for p in v["inclusion"]:
        what = f"{name}: inclusion of leaf {p['index']} in size {p['size']}"
        try:
            merkle.verify_inclusion(p["index"], p["size"], merkle.leaf_hash(leaves[p["index"]]),
                                    [bytes.fromhex(h) for h in p["path"]], bytes.fromhex(v["roots"][str(p["size"])]))
            rep.ok(what)
        except merkle.ProofError as e:
            rep.fail(what, str(e))
        if p["path"]:
            bad = [bytes.fromhex(h) for h in p["path"]][:-1]
            try:
                merkle.verify_inclusion(p["index"], p["size"], merkle.leaf_hash(leaves[p["index"]]), bad,
                                        bytes.fromhex(v["roots"][str(p["size"])]))
                rep.fail(what + " (shortened proof refused)", "accepted")
            except merkle.ProofError:
                rep.ok(what + " (shortened proof refused)")
    for p in v["consistency"]:
        what = f"{name}: consistency {p['old']} → {p['new']}"
        try:
            merkle.verify_consistency(p["old"], p["new"], bytes.fromhex(v["roots"][str(p["old"])]),
                                      bytes.fromhex(v["roots"][str(p["new"])]), [bytes.fromhex(h) for h in p["proof"]])
            rep.ok(what)
        except merkle.ProofError as e:
            rep.fail(what, str(e))


def _opens(rep, what, signed, key, expect_text):
    try:
        text = note.open_note(signed.encode("utf-8"), key)
        rep.equal(what, text.decode("utf-8"), expect_text)
    except note.NoteError as e:
        rep.fail(what, str(e))


def _refuses(rep, what, signed, key):
    try:
        note.open_note(signed.encode("utf-8"), key)
        rep.fail(what, "accepted")
    except note.NoteError:
        rep.ok(what)


def check_notes(rep, name, v):
    go = v["go"]
    peter = note.VerifierKey(go["peter_verifier_key"])
    rep.ok(f"{name}: PeterNeumann verifier key and key ID")
    _opens(rep, f"{name}: PeterNeumann signed note opens", go["peter_signed_note"], peter, go["text"])
    tampered = go["peter_signed_note"].replace("cryptography", "cryptograph ")
    _refuses(rep, f"{name}: altered text refused", tampered, peter)
    enoch = note.VerifierKey(go["enoch_verifier_key"])
    both = go["text"] + "\n" + go["peter_signature_line"] + go["enoch_signature_line"]
    _opens(rep, f"{name}: note with two signatures opens with EnochRoot", both, enoch, go["text"])
    _refuses(rep, f"{name}: note without the key's signature refused",
             go["text"] + "\n" + go["peter_signature_line"], enoch)
    c2 = v["c2sp_example"]
    _opens(rep, f"{name}: c2sp.org/signed-note example opens", c2["signed_note"], note.VerifierKey(c2["verifier_key"]),
           c2["text"])
    cp = v["checkpoint_example"]
    text = cp["signed_note"].split("\n\n")[0].split("\n")
    rep.check(f"{name}: tlog-checkpoint example syntax",
              text == [cp["origin"], str(cp["size"]), cp["root_base64"]] and len(base64.b64decode(text[2])) == 32)
    bad_id = go["peter_verifier_key"].replace("+c74f20a3+", "+c74f20a4+")
    try:
        note.VerifierKey(bad_id)
        rep.fail(f"{name}: verifier key with a wrong key ID refused", "accepted")
    except note.NoteError:
        rep.ok(f"{name}: verifier key with a wrong key ID refused")


def check_log(rep, name, v):
    key = note.VerifierKey(v["verifier_key"])
    rep.equal(f"{name}: key ID", f"{key.key_id:08x}", v["key_id_hex"])
    rep.equal(f"{name}: public key", base64.b64encode(key.public_key).decode(), v["public_key_base64"])
    leaves = []
    for n, e in enumerate(v["entries"]):
        entry = {"actor": e["actor"], "index": n, "payload": e["payload"], "time": e["time"], "type": e["type"], "v": 1}
        rep.equal(f"{name}: entry {n} canonical bytes", cjson.dumps(entry), e["canonical"])
        leaves.append(e["canonical"].encode("utf-8"))
        rep.equal(f"{name}: entry {n} leaf hash", merkle.leaf_hash(leaves[-1]).hex(), e["leaf_hash_hex"])
    for size, r in v["roots_hex"].items():
        rep.equal(f"{name}: root of size {size}", merkle.root(leaves[: int(size)]).hex(), r)
    for size, c in v["checkpoints"].items():
        try:
            cp = note.open_checkpoint(c["signed_note"].encode("utf-8"), key)
            rep.check(f"{name}: checkpoint {size} opens and signs the root",
                      cp.size == int(size) and cp.root.hex() == v["roots_hex"][size]
                      and c["signed_note"].startswith(c["text"] + "\n"))
        except note.NoteError as e:
            rep.fail(f"{name}: checkpoint {size} opens", str(e))
    inc = v["inclusion"]
    check_tlog_proof(rep, name, inc["tlog_proof"], key, inc["index"], inc["size"], inc["path_base64"])
    con = v["consistency"]
    try:
        merkle.verify_consistency(con["old"], con["new"], bytes.fromhex(v["roots_hex"][str(con["old"])]),
                                  bytes.fromhex(v["roots_hex"][str(con["new"])]),
                                  [base64.b64decode(h) for h in con["path_base64"]])
        rep.ok(f"{name}: consistency proof {con['old']} → {con['new']}")
    except merkle.ProofError as e:
        rep.fail(f"{name}: consistency proof", str(e))


def check_tlog_proof(rep, name, text, key, index, size, path_b64):
    """§4.7: a c2sp.org/tlog-proof with the entry in its extra line."""
    what = f"{name}: tlog-proof of entry {index} in size {size}"
    head, _, cp_note = text.partition("\n\n")
    lines = head.split("\n")
    try:
        if lines[0] != "c2sp.org/tlog-proof@v1" or not lines[1].startswith("extra ") or lines[2] != f"index {index}":
            raise note.NoteError("unexpected header lines")
        entry = note.b64decode_strict(lines[1][6:])
        path = [note.b64decode_strict(h) for h in lines[3:]]
        if [base64.b64encode(p).decode() for p in path] != path_b64:
            raise note.NoteError("path differs from the vector's")
        if not cjson.is_canonical(entry) or cjson.loads_strict(entry).get("index") != index:
            raise note.NoteError("the entry is not canonical or has another index")
        cp = note.open_checkpoint(cp_note.encode("utf-8"), key)
        if cp.size != size:
            raise note.NoteError("checkpoint size differs")
        merkle.verify_inclusion(index, cp.size, merkle.leaf_hash(entry), path, cp.root)
        rep.ok(what)
    except (note.NoteError, merkle.ProofError, IndexError) as e:
        rep.fail(what, str(e))


def check_rfc3797(rep, name, v):
    canon = [rfc3797.canonical_source(s) for s in v["sources"]]
    rep.equal(f"{name}: canonical sources", canon, v["canonical_sources"])
    key = "".join(canon)
    rep.equal(f"{name}: key", key, v["key"])
    rows = rfc3797.select(key, v["pool"], v["count"])
    for got, exp in zip(rows, v["rows"]):
        rep.equal(f"{name}: selection {exp['selection']}",
                  {k: got[k] for k in exp}, exp)
    rep.equal(f"{name}: number of selections", len(rows), len(v["rows"]))


def check_draw(rep, name, v):
    exp = v["expected"]
    out = replay_vector(v)
    rep.equal(f"{name}: normalized plan", out["normalized_plan"], exp["normalized_plan"])
    rep.equal(f"{name}: plan_sha256", out["plan_sha256"], exp["plan_sha256"])
    rep.equal(f"{name}: canonical values", out["values"], exp["values"])
    rep.equal(f"{name}: seed", out["seed"], exp["seed"])
    rep.equal(f"{name}: tickets", sorted(out["tickets"]), sorted(exp["tickets"]))
    res, eres = out["result"], exp["result"]
    for part in ("pool", "strata", "groups", "selected", "loads"):
        rep.equal(f"{name}: result {part}", res[part], eres[part])
    rep.equal(f"{name}: result document bytes", cjson.dumps(res), cjson.dumps(eres))
    rep.equal(f"{name}: result id", out["result_id"], exp["result_id"])
    for n, (got, e) in enumerate(zip(out["substitutions"], exp.get("substitutions", []))):
        if isinstance(got, Refused):
            rep.fail(f"{name}: substitution {n + 1}", f"refused: {got}")
        else:
            rep.equal(f"{name}: substitution record {n + 1} ({e['record']['kind']})", cjson.dumps(got),
                      cjson.dumps(e["record"]))
    rep.equal(f"{name}: final teams", out["final_teams"], exp["final_teams"])


CHECKERS = [
    ("snapshot-", check_snapshot),
    ("announcement-seal", check_seal),
    ("log-merkle", check_merkle),
    ("log-note", check_notes),
    ("log-fairdraw", check_log),
    ("rfc3797", check_rfc3797),
    ("draw-", check_draw),
]


class _Prefixed:
    """A report whose check names start with the bundle's folder."""

    def __init__(self, rep, prefix):
        self.rep, self.prefix, self.out = rep, prefix, rep.out

    def ok(self, what):
        self.rep.ok(f"{self.prefix}: {what}")

    def fail(self, what, detail):
        self.rep.fail(f"{self.prefix}: {what}", detail)

    def check(self, what, condition, detail=""):
        return self.rep.check(f"{self.prefix}: {what}", condition, detail)


def check_bundles(rep, directory):
    """Sample bundles (folders with a manifest.json, one level down) are verified as `verify` does."""
    from . import bundle
    for name in sorted(os.listdir(directory)):
        sub = os.path.join(directory, name)
        if not os.path.isdir(sub):
            continue
        for kind in sorted(os.listdir(sub)):
            folder = os.path.join(sub, kind)
            if os.path.isfile(os.path.join(folder, "manifest.json")):
                try:
                    bundle.Verifier(_Prefixed(rep, f"{name}/{kind}"), folder).run()
                except bundle.BadInput as e:
                    rep.fail(f"{name}/{kind}", str(e))


def run(rep, directory):
    names = sorted(n for n in os.listdir(directory) if n.endswith(".json"))
    if not names:
        rep.fail(directory, "no vector files")
    check_bundles(rep, directory)
    for n in names:
        checker = next((c for prefix, c in CHECKERS if n.startswith(prefix)), None)
        if checker is None:
            rep.fail(n, "no check defined for this vector file")
            continue
        try:
            checker(rep, n, _load(os.path.join(directory, n)))
        except (ValueError, KeyError, TypeError, IndexError) as e:
            rep.fail(n, f"{type(e).__name__}: {e}")
