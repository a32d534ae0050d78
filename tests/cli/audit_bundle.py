"""A bundle assembled from SPEC §12.1–§12.4 in Python, for testing the independent verifier.

It takes what the fairdraw command line shows of a workspace (the
announcement, the result and substitution records, log entries, inclusion
and consistency proofs) and the directory files the test wrote, and lays
them out as a public or full bundle. The snapshot rows, public rows and
openings are computed here from the spec (§3, §6.2, §12.3) with the seal key
the test fixed with FAIRDRAW_SEAL_KEY, not taken from fairdraw.
"""
import hashlib
import json
import sys
from pathlib import Path

from fdtest import SOURCE_DIR, run

sys.path.insert(0, str(SOURCE_DIR / "audit"))
from fairdraw_audit import cjson, snapshot  # noqa: E402


def write(folder, rel, data):
    path = Path(folder, *rel.split("/"))
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)


def jsonl(values):
    return b"".join(cjson.dumpb(v) + b"\n" for v in values)


def assemble(ws, folder, kind, rows, seal_key, env):
    """Write a bundle of the latest draw of workspace ws into folder; rows: {kind: [canonical row dicts]}."""
    fd = lambda *a: run("--workspace", ws, *a, check=0, env=env).stdout  # noqa: E731
    ann_raw = fd("announcement", "latest", "--json").rstrip("\n").encode("utf-8")
    ann = json.loads(ann_raw)
    shown = json.loads(fd("result", "latest", "--json"))
    entries = [json.loads(line) for line in fd("log", "show", "--json").splitlines()]
    raw_entries = fd("log", "show", "--json").splitlines()
    result_id = shown["result_id"]
    result = next(e for e in entries if e["type"] == "draw.result" and e["payload"]["result"] == result_id)
    result_bytes = cjson.dumpb(shown["result"])
    assert hashlib.sha256(result_bytes).hexdigest() == result_id
    records = shown["substitutions"]
    write(folder, "announcement.json", ann_raw)
    write(folder, "result.json", result_bytes)
    write(folder, "substitutions.jsonl", jsonl(records))
    for k in ("enterprises", "inspectors", "conflicts"):
        snap = ann["snapshots"][k]
        if snap is None:
            continue
        canon = snapshot.canonical_rows(k, rows[k])
        if kind == "public":
            lines = [snapshot.public_row(seal_key, k, cjson.loads_strict(c), snap["sealed"]) for _, c in canon]
        else:
            lines = [c for _, c in canon]
        write(folder, f"{k}.jsonl", b"".join(line + b"\n" for line in lines))
    if kind == "public":
        sealed = ann["snapshots"]["enterprises"]["sealed"]
        by_code = {r["code"]: r for r in rows["enterprises"]}
        codes = [e["code"] for e in shown["result"]["selected"]] + \
            [r["replacement"]["code"] for r in records if r["replacement"]]
        openings = [{"code": c, "fields": {f: {"salt": snapshot.salt(seal_key, "enterprises", c, f).hex(),
                                                 "value": by_code[c].get(f, "")} for f in sealed}}
                    for c in codes] if sealed else []
        write(folder, "openings.jsonl", jsonl(openings))
    write(folder, "log/verifier.key", (ws / "verifier.key").read_bytes())
    write(folder, "log/checkpoint", (ws / "checkpoint").read_bytes())
    size = len(entries)
    roots = {ann["snapshots"][k]["root"]: k for k in ann["snapshots"] if ann["snapshots"][k]}
    involved, seen = [0], set()
    for e in entries:
        p = e["payload"]
        if e["type"] == "snapshot.import" and p.get("root") in roots and p["root"] not in seen:
            seen.add(p["root"])
            involved.append(e["index"])
        elif e["type"] == "draw.announce" and p["announcement"] == result["payload"]["announcement"]:
            involved.append(e["index"])
        elif e["type"] == "draw.result" and p["result"] == result_id:
            involved.append(e["index"])
        elif e["type"] == "draw.substitute" and p["draw"] == result_id:
            involved.append(e["index"])
    proofs = []
    for i in sorted(set(involved)):
        proof = json.loads(fd("log", "prove-inclusion", str(i), "--size", str(size), "--json"))
        proofs.append({"entry": raw_entries[i], "index": i, "path": proof["inclusion_path"]})
    write(folder, "log/proofs.jsonl", jsonl(proofs))
    cons = []
    for m in range(1, size):  # the sizes the log signed: prove-consistency refuses the others
        proc = run("--workspace", ws, "log", "prove-consistency", str(m), str(size), "--json", env=env)
        if proc.returncode == 0:
            cons.append({"old_size": m, "path": json.loads(proc.stdout)["consistency_path"]})
    write(folder, "log/consistency.jsonl", jsonl(cons))
    for name in ("notice.html", "drawn.csv", "drawn.json"):
        write(folder, name, f"{name} of {result_id}\n".encode("utf-8"))
    files = []
    for path in sorted(Path(folder).rglob("*"), key=lambda p: str(p.relative_to(folder)).encode("utf-8")):
        if path.is_file():
            data = path.read_bytes()
            files.append({"bytes": len(data), "path": str(path.relative_to(folder)),
                          "sha256": hashlib.sha256(data).hexdigest()})
    write(folder, "manifest.json", cjson.dumpb({"files": files, "format": "fairdraw-bundle-v1", "kind": kind,
                                                "result": result_id}))
