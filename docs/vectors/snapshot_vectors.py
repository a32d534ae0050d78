#!/usr/bin/env python3
"""Writes docs/vectors/snapshot-*.json: directory snapshot test vectors (docs/SPEC.md §3).

Independent of the fairdraw code: each vector's input text and its canonical
rows are written out by hand below, from the rules of SPEC §3 (field names,
trimming, key order, escaping); this script only checks that the rows are in
canonical JSON form (Python's json.dumps with sort_keys, SPEC §2), sorts them
by ID as byte strings, and computes the RFC 6962 leaf hashes and root with
hashlib. Run it to regenerate the files; the unit test
tests/unit/test_snapshot_vectors.cpp reads them and compares fairdraw's output.
"""
import hashlib
import json
from pathlib import Path

HERE = Path(__file__).resolve().parent


def leaf_hash(data: bytes) -> bytes:
    return hashlib.sha256(b"\x00" + data).digest()  # RFC 6962 §2.1


def mth(leaves):
    """MTH over leaf hashes, literally as RFC 6962 §2.1 defines it."""
    if not leaves:
        return hashlib.sha256(b"").digest()
    if len(leaves) == 1:
        return leaves[0]
    k = 1
    while k * 2 < len(leaves):
        k *= 2
    return hashlib.sha256(b"\x01" + mth(leaves[:k]) + mth(leaves[k:])).digest()


def canonical(value) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"), sort_keys=True)


def vector(name, kind, description, input_format, text, rows):
    """rows: (id, canonical text written by hand) in any order."""
    for _, row in rows:
        assert canonical(json.loads(row)) == row, f"{name}: not canonical: {row}"
    rows = sorted(rows, key=lambda r: r[0].encode("utf-8"))
    leaves = [leaf_hash(row.encode("utf-8")) for _, row in rows]
    out = {
        "description": description,
        "how_obtained": "input text and canonical rows written by hand from docs/SPEC.md §3; rows sorted by ID "
                        "bytes, leaf hashes SHA-256(0x00 || row) and the RFC 6962 root computed with Python "
                        "hashlib by docs/vectors/snapshot_vectors.py",
        "kind": kind,
        "input": {"format": input_format, "text": text},
        "rows": [{"id": i, "canonical": row, "leaf_hash": leaf.hex()} for (i, row), leaf in zip(rows, leaves)],
        "root": mth(leaves).hex(),
    }
    (HERE / f"snapshot-{name}.json").write_text(json.dumps(out, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


vector(
    "enterprises", "enterprises",
    "four enterprises: a quoted name with doubled quotes, a value with spaces around it (trimmed), a legacy "
    "15-digit registration number, markup and a spreadsheet formula kept as data, an unknown column kept "
    "under extra, empty values left out",
    "csv",
    "统一社会信用代码,企业名称,登记状态,成立日期,信用风险分类,备注\n"
    "913201113BJ1XG618X,\"南京 \"\"紫金\"\" 科技有限公司\",存续,2015-03-02,B,\n"
    "91350100M000100Y43, 示例企业 ,在业,,A,重点\n"
    "320102000012345,老注册号商行,吊销,2001-07-15,,\n"
    "914403001922038216,\"=HYPERLINK(\"\"http://x\"\")\",存续,,C,<b>x</b>\n",
    [
        ("913201113BJ1XG618X",
         '{"code":"913201113BJ1XG618X","credit_class":"B","established":"2015-03-02",'
         '"name":"南京 \\"紫金\\" 科技有限公司","status":"存续"}'),
        ("91350100M000100Y43",
         '{"code":"91350100M000100Y43","credit_class":"A","extra":[["备注","重点"]],"name":"示例企业","status":"在业"}'),
        ("320102000012345",
         '{"code":"320102000012345","established":"2001-07-15","name":"老注册号商行","status":"吊销"}'),
        ("914403001922038216",
         '{"code":"914403001922038216","credit_class":"C","extra":[["备注","<b>x</b>"]],'
         '"name":"=HYPERLINK(\\"http://x\\")","status":"存续"}'),
    ])

vector(
    "inspectors", "inspectors",
    "two inspectors in a CRLF file without an ID column, so the certificate number is the ID; a quoted "
    "value holding a comma; 9999-09-09 for a long-term certificate",
    "csv",
    "姓名,执法证编号,执法证有效期,所在部门,状态,专业\r\n"
    "张三,32010020190001,2027-06-30,劳动保障监察大队,在岗,\"劳动用工,社会保险\"\r\n"
    "李四,32010020180007,9999-09-09,法制科,休假,\r\n",
    [
        ("32010020190001",
         '{"certificate_expiry":"2027-06-30","certificate_no":"32010020190001","department":"劳动保障监察大队",'
         '"name":"张三","specialty":"劳动用工,社会保险","status":"在岗"}'),
        ("32010020180007",
         '{"certificate_expiry":"9999-09-09","certificate_no":"32010020180007","department":"法制科",'
         '"name":"李四","status":"休假"}'),
    ])

vector(
    "conflicts", "conflicts",
    "three declared conflicts as JSON with canonical field names; the ID is inspector, a 0x00 byte, then "
    "entity, so inspector A sorts before inspector A1 whatever the entity; a backslash is escaped",
    "json",
    '[\n'
    ' {"inspector": "A1", "entity": "914403001922038216", "reason": "亲属任职"},\n'
    ' {"inspector": "A", "entity": "91350100M000100Y43", "reason": "曾任顾问", "declared": "2026-01-05"},\n'
    ' {"inspector": "A1", "entity": "91350100M000100Y43", "reason": "同学\\\\关系", "entity_name": null}\n'
    ']\n',
    [
        ("A1\x00914403001922038216",
         '{"entity":"914403001922038216","inspector":"A1","reason":"亲属任职"}'),
        ("A\x0091350100M000100Y43",
         '{"declared":"2026-01-05","entity":"91350100M000100Y43","inspector":"A","reason":"曾任顾问"}'),
        ("A1\x0091350100M000100Y43",
         '{"entity":"91350100M000100Y43","inspector":"A1","reason":"同学\\\\关系"}'),
    ])
