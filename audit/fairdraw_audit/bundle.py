"""`fairdraw-audit verify BUNDLE`: the checks of SPEC §12.5, in the spec's order.

(Manifest, key, checkpoint, log entries, announcement, result, values and
seed, substitution records, snapshots, openings, replay, since.)

Each check prints one line. A failed manifest, key or checkpoint stops the
run (every later check depends on them); any other failure is reported and
the run goes on, so an auditor sees everything that is wrong at once.
"""
import base64
import hashlib
import os
import re
import stat

from . import cjson, draw, merkle, note, plan as planmod, snapshot, sources as srcmod
from .substitute import Refused, Substitutions

COMMON = ["announcement.json", "result.json", "substitutions.jsonl", "enterprises.jsonl", "inspectors.jsonl",
          "log/verifier.key", "log/checkpoint", "log/proofs.jsonl", "log/consistency.jsonl",
          "notice.html", "drawn.csv", "drawn.json"]
KINDS = ("enterprises", "inspectors", "conflicts")
TIME_RE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z")
NOT_CHECKABLE = ("not checkable from the public bundle: the pool, stratum sizes and cut-offs need the sealed "
                 "values of every row — verify the auditor bundle (publish --full)")


class BadInput(Exception):
    """The folder or manifest.json cannot be read or parsed (exit 2)."""


class Stop(Exception):
    """A check that later checks depend on failed."""


def _b64(s):
    return note.b64decode_strict(s)


def _lines(data, name):
    """The lines of a .jsonl file (each must end with a newline)."""
    if not data:
        return []
    if not data.endswith(b"\n"):
        raise ValueError(f"{name}: the last line does not end with a newline")
    return data[:-1].split(b"\n")


class Verifier:
    def __init__(self, rep, folder, key_arg=None, since=None):
        self.rep, self.folder, self.key_arg, self.since = rep, folder, key_arg, since
        self.files = {}

    def read(self, path):
        return self.files[path]

    # ------------------------------------------------------------ 1. manifest
    def manifest(self):
        path = os.path.join(self.folder, "manifest.json")
        if not os.path.isdir(self.folder):
            raise BadInput(f"{self.folder}: not a folder")
        try:
            with open(path, "rb") as f:
                raw = f.read()
            m = cjson.loads_strict(raw)
        except (OSError, ValueError, UnicodeDecodeError) as e:
            raise BadInput(f"manifest.json: cannot be read or parsed: {e}") from e
        if not isinstance(m, dict) or set(m) != {"files", "format", "kind", "result"} or \
                m["format"] != "fairdraw-bundle-v1" or m["kind"] not in ("public", "full") or \
                not isinstance(m["files"], list) or not isinstance(m["result"], str):
            raise BadInput("manifest.json: expected {files, format: fairdraw-bundle-v1, kind: public|full, result}")
        self.kind, self.manifest_hash = m["kind"], hashlib.sha256(raw).hexdigest()
        self.result_id_manifest = m["result"]
        if cjson.dumpb(m) != raw:
            raise BadInput("manifest.json: not canonical JSON (§12.2: no whitespace, sorted keys, no newline)")
        problems = []
        paths = []
        for n, f in enumerate(m["files"]):
            if not isinstance(f, dict) or set(f) != {"bytes", "path", "sha256"}:
                raise BadInput(f"manifest.json: files[{n}] must have bytes, path and sha256")
            paths.append(f["path"])
            full = os.path.join(self.folder, *f["path"].split("/"))
            if ".." in f["path"].split("/") or f["path"].startswith("/"):
                problems.append(f"files[{n}]: path {f['path']!r} leaves the folder")
                continue
            try:
                st = os.lstat(full)
            except OSError:
                problems.append(f"{f['path']}: listed in the manifest but missing")
                continue
            if not stat.S_ISREG(st.st_mode):
                problems.append(f"{f['path']}: not a regular file")
                continue
            with open(full, "rb") as fh:
                data = fh.read()
            self.files[f["path"]] = data
            if len(data) != f["bytes"]:
                problems.append(f"{f['path']}: expected {f['bytes']} bytes, found {len(data)}")
            digest = hashlib.sha256(data).hexdigest()
            if digest != f["sha256"]:
                problems.append(f"{f['path']}: expected SHA-256 {f['sha256']}, found {digest}")
        if paths != sorted(paths, key=lambda p: p.encode("utf-8")) or len(set(paths)) != len(paths):
            raise BadInput("manifest.json: files are not sorted by path, or a path repeats (§12.2)")
        for root, dirs, names in os.walk(self.folder):
            for d in dirs:
                rel = os.path.relpath(os.path.join(root, d), self.folder).replace(os.sep, "/")
                if os.path.islink(os.path.join(root, d)):
                    problems.append(f"{rel}: a symbolic link")
                elif not any(p.startswith(rel + "/") for p in paths):
                    problems.append(f"{rel}: a folder that holds no listed file")
            for name in names:
                rel = os.path.relpath(os.path.join(root, name), self.folder).replace(os.sep, "/")
                if rel != "manifest.json" and rel not in paths:
                    problems.append(f"{rel}: a file not listed in the manifest")
        expected = set(COMMON) | ({"openings.jsonl"} if self.kind == "public" else set())
        optional = {"conflicts.jsonl"}
        missing = sorted(expected - set(paths))
        extra = sorted(set(paths) - expected - optional)
        if missing:
            problems.append(f"manifest.json: a {self.kind} bundle needs {', '.join(missing)}")
        if extra:
            problems.append(f"manifest.json: a {self.kind} bundle has no {', '.join(extra)}")
        if problems:
            for p in problems:
                self.rep.fail("manifest", p)
            raise Stop()
        self.rep.ok(f"manifest: {len(paths)} files of a {self.kind} bundle, sizes and SHA-256 as listed, "
                    f"no other file")

    # ------------------------------------------------------------ 2–3. key, checkpoint
    def key(self):
        try:
            self.vkey = note.VerifierKey(self.read("log/verifier.key").decode("utf-8"))
            if not self.read("log/verifier.key").endswith(b"\n") or \
                    self.read("log/verifier.key") != (self.vkey.text + "\n").encode("utf-8"):
                raise note.NoteError("log/verifier.key must be the key and one newline")
        except (note.NoteError, UnicodeDecodeError) as e:
            self.rep.fail("key", str(e))
            raise Stop() from e
        if self.key_arg is not None:
            given = self.key_arg
            if os.path.isfile(given):
                with open(given, encoding="utf-8") as f:
                    given = f.read()
            try:
                gk = note.VerifierKey(given.strip())
            except note.NoteError as e:
                raise BadInput(f"--key: {e}") from e
            if gk.text != self.vkey.text:
                self.rep.fail("key", f"log/verifier.key is {self.vkey.text}, expected the given key {gk.text}")
                raise Stop()
            self.rep.ok(f"key: log/verifier.key is the given key {gk.text}")
        else:
            self.rep.ok(f"key: {self.vkey.text} (the bundle's own key; not checked against an independently "
                        f"obtained key, use --key)")

    def checkpoint(self):
        try:
            self.cp = note.open_checkpoint(self.read("log/checkpoint"), self.vkey)
        except note.NoteError as e:
            self.rep.fail("checkpoint", f"log/checkpoint: {e}")
            raise Stop() from e
        self.rep.ok(f"checkpoint: signed by the key, tree size {self.cp.size}")

    # ------------------------------------------------------------ 4. log entries
    def log_entries(self):
        self.entries = {}
        problems = []
        last = -1
        try:
            lines = _lines(self.read("log/proofs.jsonl"), "log/proofs.jsonl")
        except ValueError as e:
            self.rep.fail("log entries", str(e))
            raise Stop() from e
        for n, line in enumerate(lines, 1):
            where = f"log/proofs.jsonl line {n}"
            try:
                if not cjson.is_canonical(line):
                    raise ValueError("not canonical JSON")
                obj = cjson.loads_strict(line)
                if not isinstance(obj, dict) or set(obj) != {"entry", "index", "path"}:
                    raise ValueError("expected {entry, index, path}")
                idx, text = obj["index"], obj["entry"]
                if not isinstance(idx, int) or isinstance(idx, bool) or not isinstance(text, str):
                    raise ValueError("bad index or entry")
                if idx <= last:
                    raise ValueError(f"index {idx} not above the previous {last}")
                last = idx
                entry_bytes = text.encode("utf-8")
                entry = check_entry(entry_bytes, idx)
                path = [_b64(p) for p in obj["path"]]
                merkle.verify_inclusion(idx, self.cp.size, merkle.leaf_hash(entry_bytes), path, self.cp.root)
                self.entries[idx] = entry
            except (ValueError, note.NoteError, merkle.ProofError) as e:
                problems.append(f"{where}: {e}")
        init = self.entries.get(0)
        if init is None or init["type"] != "workspace.init":
            problems.append("log/proofs.jsonl: entry 0 (workspace.init) is missing")
        elif init["payload"].get("verifier_key") != self.vkey.text:
            problems.append(f"entry 0: verifier_key {init['payload'].get('verifier_key')!r} is not the bundle's key")
        for p in problems:
            self.rep.fail("log entries", p)
        if not problems:
            self.rep.ok(f"log entries: {len(self.entries)} entries proven in the checkpoint's tree; entry 0 names "
                        f"the key")

    def of_type(self, t):
        return [e for _, e in sorted(self.entries.items()) if e["type"] == t]

    # ------------------------------------------------------------ 5. announcement
    def announcement(self):
        raw = self.read("announcement.json")
        self.ann_id = hashlib.sha256(raw).hexdigest()
        self.ann = None
        try:
            ann = cjson.loads_strict(raw)
            if cjson.dumpb(ann) != raw:
                raise ValueError("not canonical JSON")
            check_announcement(ann)
        except (ValueError, UnicodeDecodeError, KeyError, TypeError, AttributeError) as e:
            self.rep.fail("announcement", f"announcement.json: {e}")
            raise Stop() from e
        self.ann = ann
        ok = True
        if ann["origin"] != self.vkey.name:
            ok = self.rep.check("announcement: origin", False,
                                f"announcement.json origin {ann['origin']!r}, key name {self.vkey.name!r}")
        entries = [e for e in self.of_type("draw.announce") if e["payload"].get("announcement") == self.ann_id]
        if len(entries) != 1:
            ok = self.rep.check("announcement: log entry", False,
                                f"expected one draw.announce entry naming {self.ann_id}, found {len(entries)}")
        else:
            want = {k: (None if v is None else {"root": v["root"], "public_root": v["public_root"],
                                                 "rows": v["rows"]})
                    for k, v in ann["snapshots"].items()}
            got = entries[0]["payload"].get("snapshots")
            if got != want:
                ok = self.rep.check("announcement: log entry snapshots", False, f"expected {want}, found {got}")
            if entries[0]["payload"].get("plan_sha256") != ann["plan_sha256"]:
                ok = self.rep.check("announcement: log entry plan_sha256", False, "differs from the announcement")
        has_conflicts = "conflicts.jsonl" in self.files
        if has_conflicts != (ann["snapshots"]["conflicts"] is not None):
            ok = self.rep.check("announcement: conflicts file", False,
                                "conflicts.jsonl must be present exactly when the announcement has conflicts")
        if ok:
            self.rep.ok(f"announcement: {self.ann_id}, canonical, valid, named by its draw.announce entry")

    # ------------------------------------------------------------ 6. snapshots
    def snapshots(self):
        self.rows = {}
        for kind in KINDS:
            snap = self.ann["snapshots"][kind]
            if snap is None:
                continue
            what = f"snapshot {kind}"
            try:
                lines = _lines(self.read(f"{kind}.jsonl"), f"{kind}.jsonl")
                if len(lines) != snap["rows"]:
                    raise ValueError(f"{kind}.jsonl: expected {snap['rows']} rows, found {len(lines)}")
                sealed = snap["sealed"]
                rows, prev = [], None
                for n, line in enumerate(lines, 1):
                    row = cjson.loads_strict(line)
                    if cjson.dumpb_row(row) != line:
                        raise ValueError(f"{kind}.jsonl line {n}: not canonical JSON")
                    check_row(kind, row, sealed if self.kind == "public" else [], n)
                    rid = snapshot.row_id(kind, row)
                    if prev is not None and rid <= prev:
                        raise ValueError(f"{kind}.jsonl line {n}: ID {rid.decode('utf-8')!r} not above the previous "
                                         f"one")
                    prev = rid
                    rows.append(row)
                want = snap["public_root"] if self.kind == "public" else snap["root"]
                got = snapshot.root(lines)
                if got != want:
                    raise ValueError(f"{kind}.jsonl: root {got}, the announcement says {want}")
                imports = [e for e in self.of_type("snapshot.import")
                           if e["payload"].get("kind") == kind and e["payload"].get("root") == snap["root"]]
                if not imports:
                    raise ValueError(f"no snapshot.import entry of kind {kind} names the root {snap['root']}")
                self.rows[kind] = rows
                self.rep.ok(f"{what}: {len(rows)} rows give the announced "
                            f"{'public root' if self.kind == 'public' else 'root'}; imported in the log")
            except (ValueError, KeyError, UnicodeDecodeError) as e:
                self.rep.fail(what, str(e))

    # ------------------------------------------------------------ 7–8. result, values, seed
    def result(self):
        raw = self.read("result.json")
        self.result_id = hashlib.sha256(raw).hexdigest()
        self.res = None
        try:
            res = cjson.loads_strict(raw)
            if cjson.dumpb(res) != raw:
                raise ValueError("not canonical JSON")
            if not isinstance(res, dict) or res.get("format") != "fairdraw-draw-result-v1" or \
                    res.get("algorithm") != "fairdraw-draw-v1":
                raise ValueError("not a fairdraw-draw-result-v1 document")
        except (ValueError, UnicodeDecodeError) as e:
            self.rep.fail("result", f"result.json: {e}")
            return
        self.res = res
        problems = []
        if self.result_id != self.result_id_manifest:
            problems.append(f"result id {self.result_id}, the manifest says {self.result_id_manifest}")
        if res.get("announcement") != self.ann_id:
            problems.append(f"result.json announcement {res.get('announcement')}, expected {self.ann_id}")
        entries = [e for e in self.of_type("draw.result") if e["payload"].get("result") == self.result_id]
        if len(entries) != 1:
            problems.append(f"expected one draw.result entry naming {self.result_id}, found {len(entries)}")
        elif entries[0]["payload"].get("announcement") != self.ann_id or \
                entries[0]["payload"].get("seed") != res.get("seed"):
            problems.append("the draw.result entry names another announcement or seed")
        for p in problems:
            self.rep.fail("result", p)
        if not problems:
            self.rep.ok(f"result: {self.result_id}, named by its draw.result entry with the announcement and seed")

    def values(self):
        res, ann = self.res, self.ann
        sources = ann["sources"]
        vals = res.get("values")
        problems = []
        if not isinstance(vals, list) or [v[0] if isinstance(v, list) and len(v) == 2 else None for v in vals] != \
                [s["name"] for s in sources]:
            problems.append("values: expected one [name, value] per announced source, in order")
        else:
            for s, (name, value) in zip(sources, vals):
                try:
                    if not isinstance(value, str):
                        raise srcmod.ValueError_(f"{name}: not a string")
                    srcmod.check_canonical(s, value)
                except srcmod.ValueError_ as e:
                    problems.append(f"values: {e}")
            seed = srcmod.seed(self.ann_id, vals).hex()
            if seed != res.get("seed"):
                problems.append(f"seed: recomputed {seed}, result.json says {res.get('seed')}")
        for p in problems:
            self.rep.fail("values and seed", p)
        if not problems:
            self.rep.ok("values and seed: each value accepted by its source, seed recomputed")
        return not problems

    # ------------------------------------------------------------ 9. openings
    def drawn_codes(self):
        codes = [e["code"] for e in self.res["selected"]]
        for r in self.records:
            if isinstance(r, dict) and r.get("replacement"):
                codes.append(r["replacement"]["code"])
        return codes

    def openings(self):
        self.opened = {}
        if self.kind != "public":
            return
        sealed = self.ann["snapshots"]["enterprises"]["sealed"]
        by_code = {r["code"]: r for r in self.rows.get("enterprises", [])}
        problems = []
        try:
            lines = _lines(self.read("openings.jsonl"), "openings.jsonl")
        except ValueError as e:
            self.rep.fail("openings", str(e))
            return
        codes = self.drawn_codes() if sealed else []
        if len(lines) != len(codes):
            problems.append(f"openings.jsonl: expected {len(codes)} lines, found {len(lines)}")
        for n, (line, code) in enumerate(zip(lines, codes), 1):
            where = f"openings.jsonl line {n}"
            try:
                o = cjson.loads_strict(line)
                if cjson.dumpb(o) != line or not isinstance(o, dict) or set(o) != {"code", "fields"}:
                    raise ValueError("expected canonical {code, fields}")
                if o["code"] != code:
                    raise ValueError(f"code {o['code']}, expected {code}")
                if not isinstance(o["fields"], dict) or sorted(o["fields"]) != sorted(sealed):
                    raise ValueError(f"fields must be exactly {sealed}")
                row = by_code.get(code)
                if row is None:
                    raise ValueError(f"{code} is not a row of enterprises.jsonl")
                opened = {}
                for f in sealed:
                    op = o["fields"][f]
                    if not isinstance(op, dict) or set(op) != {"salt", "value"} or \
                            not isinstance(op["value"], str) or not re.fullmatch(r"[0-9a-f]{64}", op["salt"]):
                        raise ValueError(f"field {f}: expected {{salt, value}}")
                    h = hashlib.sha256(bytes.fromhex(op["salt"]) + op["value"].encode("utf-8")).hexdigest()
                    if h != row["sealed"][f]:
                        raise ValueError(f"field {f}: SHA-256(salt ‖ value) {h}, the public row seals {row['sealed'][f]}")
                    opened[f] = op["value"]
                self.opened[code] = opened
            except (ValueError, UnicodeDecodeError) as e:
                problems.append(f"{where}: {e}")
        for p in problems:
            self.rep.fail("openings", p)
        if not problems:
            self.rep.ok(f"openings: {len(lines)} drawn entities' sealed values open their public rows")

    # ------------------------------------------------------------ 10. substitution records
    def substitution_records(self):
        self.records = []
        problems = []
        try:
            lines = _lines(self.read("substitutions.jsonl"), "substitutions.jsonl")
        except ValueError as e:
            self.rep.fail("substitution records", str(e))
            return
        entries = [e for e in self.of_type("draw.substitute") if e["payload"].get("draw") == self.result_id]
        by_number = {e["payload"].get("number"): e for e in entries}
        if len(lines) != len(entries):
            problems.append(f"substitutions.jsonl: {len(lines)} lines, the log has {len(entries)} draw.substitute "
                            f"entries for this draw")
        for k, line in enumerate(lines, 1):
            try:
                rec = cjson.loads_strict(line)
                if cjson.dumpb(rec) != line:
                    raise ValueError("not canonical JSON")
                if rec.get("format") != "fairdraw-substitution-v1" or rec.get("draw") != self.result_id or \
                        rec.get("number") != k:
                    raise ValueError(f"expected substitution {k} of draw {self.result_id}")
                e = by_number.get(k)
                if e is None or e["payload"].get("record") != hashlib.sha256(line).hexdigest():
                    raise ValueError(f"no draw.substitute entry number {k} with this record's SHA-256")
                self.records.append(rec)
            except (ValueError, UnicodeDecodeError) as e:
                problems.append(f"substitutions.jsonl line {k}: {e}")
                self.records.append(None)
        for p in problems:
            self.rep.fail("substitution records", p)
        if not problems:
            self.rep.ok(f"substitution records: {len(lines)}, each named by its draw.substitute entry")

    # ------------------------------------------------------------ 11. replay
    def sealed_used(self):
        plan = self.ann["plan"]
        used = set()
        if plan["strata"]["field"]:
            used.add(plan["strata"]["field"])
        used.add("status")
        used.update(f for f in ("industry", "region", "entity_type", "jurisdiction") if plan["population"][f])
        if plan["repeat"]["within_days"] or plan["repeat"]["annual_cap"]:
            used.add("last_inspected")
        if plan["recusal"]["not_own_region"]:
            used.add("region")
        return sorted(used & set(self.ann["snapshots"]["enterprises"]["sealed"]))

    def replay(self):
        if any(r is None for r in self.records) or "enterprises" not in self.rows or "inspectors" not in self.rows \
                or (self.ann["snapshots"]["conflicts"] is not None and "conflicts" not in self.rows):
            self.rep.fail("replay", "not attempted: the rows or substitution records did not check")
            return
        plan = self.ann["plan"]
        strip = lambda r: {k: v for k, v in r.items() if k != "sealed"}  # noqa: E731
        ents = [strip(r) for r in self.rows["enterprises"]]
        used = self.sealed_used() if self.kind == "public" else []
        restricted = bool(used)
        if restricted:
            plan = restricted_plan(plan, self.res)
            drawn = set(self.drawn_codes())
            ents = []
            for r in self.rows["enterprises"]:
                if r["code"] in drawn:
                    row = strip(r)
                    row.update({f: v for f, v in self.opened.get(r["code"], {}).items() if v != ""})
                    ents.append(row)
        insps = [strip(r) for r in self.rows["inspectors"]]
        conflicts = [strip(r) for r in self.rows["conflicts"]] if "conflicts" in self.rows else None
        values = self.res["values"]
        seed = bytes.fromhex(self.res["seed"])
        try:
            ctx = draw.Context(plan, ents, insps, conflicts, self.ann["history"], self.ann_id, values, seed)
            mine, state = draw.run(ctx)
        except draw.DrawImpossible as e:
            self.rep.fail("replay", f"the replayed draw is impossible: {e}")
            return
        problems = []
        members = ["selected", "groups", "loads", "seed", "values"] if restricted else sorted(self.res)
        for m in members:
            if cjson.dumpb(mine.get(m)) != cjson.dumpb(self.res.get(m)):
                problems.append(f"result.json {m}: {first_difference(self.res.get(m), mine.get(m))}")
        if not restricted and cjson.dumpb(mine) != self.read("result.json") and not problems:
            problems.append("result.json: the replayed document differs")
        if restricted:
            for si, st in enumerate(self.res["strata"]):
                tickets = [e["ticket"] for e in self.res["selected"] if e["stratum"] == si]
                if (max(tickets) if tickets else None) != st["cutoff"]:
                    problems.append(f"result.json strata[{si}]: cut-off {st['cutoff']}, the largest selected "
                                    f"ticket is {max(tickets) if tickets else None}")
                if len(tickets) != st["count"]:
                    problems.append(f"result.json strata[{si}]: count {st['count']}, {len(tickets)} selected")
        subs = Substitutions(ctx, self.res, state, self.ann["sources"])
        subs.result_id = self.result_id  # records name the published result, also in a restricted replay
        for k, rec in enumerate(self.records, 1):
            try:
                got = subs.apply(rec["kind"], rec["code"], rec["inspector"], rec["reason"], rec["link"])
            except Refused as e:
                problems.append(f"substitutions.jsonl line {k}: the replay refuses it: {e}")
                break
            if cjson.dumpb(got) != cjson.dumpb(rec):
                problems.append(f"substitutions.jsonl line {k}: {first_difference(rec, got)}")
                break
        for p in problems:
            self.rep.fail("replay", p)
        if not problems:
            how = (f"restricted to the {len(ents)} drawn entities (sealed fields used by the draw: "
                   f"{', '.join(used)})" if restricted else "complete")
            self.rep.ok(f"replay ({how}): result and {len(self.records)} substitution records identical byte for "
                        f"byte")
        if restricted:
            print(NOT_CHECKABLE, file=self.rep.out)

    # ------------------------------------------------------------ 12. since
    def since_check(self):
        if self.since is None:
            return
        try:
            with open(self.since, "rb") as f:
                old = note.open_checkpoint(f.read(), self.vkey)
        except OSError as e:
            raise BadInput(f"--since: {e}") from e
        except note.NoteError as e:
            self.rep.fail("since", f"{self.since}: {e}")
            return
        try:
            if old.size > self.cp.size:
                raise merkle.ProofError(f"the saved checkpoint's size {old.size} is above the bundle's {self.cp.size}")
            if old.size == self.cp.size:
                if old.root != self.cp.root:
                    raise merkle.ProofError("same size, different roots")
            else:
                proofs = {}
                for n, line in enumerate(_lines(self.read("log/consistency.jsonl"), "log/consistency.jsonl"), 1):
                    o = cjson.loads_strict(line)
                    proofs[o["old_size"]] = [_b64(p) for p in o["path"]]
                if old.size not in proofs:
                    raise merkle.ProofError(f"log/consistency.jsonl has no proof from size {old.size}")
                merkle.verify_consistency(old.size, self.cp.size, old.root, self.cp.root, proofs[old.size])
            self.rep.ok(f"since: the bundle's log of size {self.cp.size} extends the saved checkpoint of size "
                        f"{old.size}")
        except (merkle.ProofError, ValueError, KeyError, note.NoteError) as e:
            self.rep.fail("since", str(e))

    def consistency_file(self):
        """The consistency proofs published for every earlier size must each verify."""
        try:
            lines = _lines(self.read("log/consistency.jsonl"), "log/consistency.jsonl")
            sizes = []
            for line in lines:
                o = cjson.loads_strict(line)
                if cjson.dumpb(o) != line or set(o) != {"old_size", "path"}:
                    raise ValueError("expected canonical {old_size, path}")
                sizes.append(o["old_size"])
                if not 1 <= o["old_size"] < self.cp.size:
                    raise ValueError(f"old_size {o['old_size']} not in [1, {self.cp.size})")
            if sizes != sorted(set(sizes)):
                raise ValueError("old sizes are not strictly ascending")
            return True
        except (ValueError, UnicodeDecodeError) as e:
            self.rep.fail("log consistency proofs", str(e))
            return False

    def run(self):
        try:
            self.manifest()
            self.key()
            self.checkpoint()
            self.log_entries()
            self.announcement()
            self.result()
            if self.res is None:
                self.snapshots()
                return
            values_ok = self.values()
            self.substitution_records()
            self.snapshots()
            self.openings()
            if values_ok:
                self.replay()
            else:
                self.rep.fail("replay", "not attempted: the values or seed did not check")
            if self.since is not None:  # §12.5 reads log/consistency.jsonl only for step 12
                self.consistency_file()
            self.since_check()
        except Stop:
            self.rep.fail("verification", "stopped: later checks depend on this one")
        except (ValueError, KeyError, TypeError, AttributeError, IndexError) as e:
            # a document of an unexpected shape that no check above anticipated: still a failed verification
            self.rep.fail("verification", f"stopped: a file does not have the form of §12 ({type(e).__name__}: {e})")


def check_entry(data, index):
    """§4.2: canonical JSON with exactly the six members, of their types, and the given index."""
    if not cjson.is_canonical(data):
        raise ValueError("entry is not canonical JSON")
    e = cjson.loads_strict(data)
    if not isinstance(e, dict) or set(e) != {"actor", "index", "payload", "time", "type", "v"}:
        raise ValueError("entry must have exactly actor, index, payload, time, type, v")
    if not isinstance(e["actor"], str) or not isinstance(e["type"], str) or not isinstance(e["payload"], dict) or \
            not isinstance(e["time"], str) or not TIME_RE.fullmatch(e["time"]) or e["v"] != 1 or \
            isinstance(e["v"], bool):
        raise ValueError("entry members have the wrong types")
    if e["index"] != index or isinstance(e["index"], bool):
        raise ValueError(f"entry index {e['index']}, expected {index}")
    return e


def check_announcement(ann):
    """§6: the announcement's members, its normalized plan and sources (raises ValueError)."""
    keys = {"format", "algorithm", "origin", "announced", "not_before", "plan", "plan_sha256", "snapshots",
            "history", "sources", "reason"}
    if not isinstance(ann, dict) or set(ann) != keys:
        raise ValueError(f"expected exactly the members {sorted(keys)}")
    if ann["format"] != "fairdraw-announcement-v1" or ann["algorithm"] != "fairdraw-draw-v1":
        raise ValueError("format or algorithm is not fairdraw-announcement-v1 / fairdraw-draw-v1")
    for t in ("announced", "not_before"):
        if not isinstance(ann[t], str) or not TIME_RE.fullmatch(ann[t]):
            raise ValueError(f"{t}: not a time")
    if ann["not_before"] < ann["announced"]:
        raise ValueError("not_before is before announced")
    try:
        norm = planmod.normalize(ann["plan"])
    except planmod.PlanError as e:
        raise ValueError(f"plan: {e}") from e
    if norm != ann["plan"]:
        raise ValueError("plan is not in normalized form")
    if planmod.plan_sha256(norm) != ann["plan_sha256"]:
        raise ValueError("plan_sha256 is not the SHA-256 of the plan")
    snaps = ann["snapshots"]
    if not isinstance(snaps, dict) or set(snaps) != set(KINDS) or snaps["enterprises"] is None or \
            snaps["inspectors"] is None:
        raise ValueError("snapshots: expected enterprises, inspectors and conflicts (or null)")
    for kind, s in snaps.items():
        if s is None:
            continue
        if set(s) != {"root", "public_root", "rows", "sealed"}:
            raise ValueError(f"snapshots.{kind}: expected root, public_root, rows, sealed")
        if s["sealed"] != snapshot.sealed_fields(kind, norm["confidential"]):
            raise ValueError(f"snapshots.{kind}.sealed: expected {snapshot.sealed_fields(kind, norm['confidential'])}")
    names = [s.get("name") for s in ann["sources"]]
    if not names or len(set(names)) != len(names) or any(not isinstance(n, str) or not n for n in names):
        raise ValueError("sources: names must be non-empty and unique")
    if sum(1 for s in ann["sources"] if s.get("kind") == "secret") > 1:
        raise ValueError("sources: at most one secret")
    for s in ann["sources"]:
        if srcmod.normalize_source(s) != s:
            raise ValueError(f"source {s.get('name')!r} is not in normalized form")
    for h in ann["history"]:
        if set(h) != {"result", "window_start", "teams"}:
            raise ValueError("history: expected result, window_start, teams")
    if ann["reason"] is not None and not isinstance(ann["reason"], str):
        raise ValueError("reason: a string or null")


def check_row(kind, row, sealed, n):
    where = f"{kind}.jsonl line {n}"
    if not isinstance(row, dict):
        raise ValueError(f"{where}: not an object")
    for k, v in row.items():
        if k == "extra":
            if not isinstance(v, list) or any(not isinstance(p, list) or len(p) != 2 for p in v):
                raise ValueError(f"{where}: extra must be a list of pairs")
        elif k == "sealed" and sealed:
            if not isinstance(v, dict) or sorted(v) != sorted(sealed) or \
                    any(not isinstance(x, str) or not re.fullmatch(r"[0-9a-f]{64}", x) for x in v.values()):
                raise ValueError(f"{where}: sealed must seal exactly {sealed}")
        elif not isinstance(v, str) or not v:
            raise ValueError(f"{where}: field {k} must be a non-empty string")
        if k in sealed:
            raise ValueError(f"{where}: sealed field {k} appears in clear")
    if sealed and "sealed" not in row:
        raise ValueError(f"{where}: a public row needs its sealed member")
    try:
        snapshot.row_id(kind, row)
    except KeyError as e:
        raise ValueError(f"{where}: the ID field {e} is missing") from e


def restricted_plan(plan, res):
    """§12.5 step 11: each stratum's count is the result's count; ratio, min, max, minimum_total_ratio null."""
    p = dict(plan)
    p["minimum_total_ratio"] = None
    groups = []
    for g, st in zip(plan["strata"]["groups"], res["strata"]):
        g = dict(g)
        g.update(count=st["count"], ratio=None, min=None, max=None)
        groups.append(g)
    p["strata"] = dict(plan["strata"], groups=groups)
    return p


def first_difference(expected, found, where=""):
    """A short description of the first place two JSON values differ."""
    if isinstance(expected, dict) and isinstance(found, dict):
        for k in sorted(set(expected) | set(found)):
            if expected.get(k) != found.get(k):
                label = expected.get("code") if "code" in expected else None
                return first_difference(expected.get(k), found.get(k),
                                        f"{where}.{k}" + (f" (entity {label})" if label and k != "code" else ""))
    if isinstance(expected, list) and isinstance(found, list):
        for i, (a, b) in enumerate(zip(expected, found)):
            if a != b:
                return first_difference(a, b, f"{where}[{i}]")
        if len(expected) != len(found):
            return f"{where}: {len(expected)} items in the bundle, {len(found)} replayed"
    return f"{where or 'value'}: the bundle has {cjson.dumps(expected)[:120]}, the replay gives " \
           f"{cjson.dumps(found)[:120]}"
