"""Directory snapshots (SPEC §3): canonical rows, IDs, roots; public rows (§6.2).

The reader here follows §3.2–§3.6 for the files of the test vectors and for an
auditor who wants to recompute a root from a published CSV or JSON file; it
refuses what the spec refuses but names problems less precisely than the tool.
"""
import csv
import hashlib
import hmac
import io
import json

from . import cjson, merkle

FIELDS = {
    "enterprises": [
        ("code", True, ["统一社会信用代码", "注册号/统一社会信用代码", "统一社会信用代码/注册号", "社会信用代码", "信用代码", "注册号", "code", "uscc"]),
        ("name", True, ["企业名称", "市场主体名称", "单位名称", "用人单位名称", "名称", "name"]),
        ("entity_type", False, ["市场主体类型", "企业类型", "主体类型", "entity_type"]),
        ("registration_authority", False, ["登记机关", "registration_authority"]),
        ("jurisdiction", False, ["管辖单位", "属地监管所", "属地监管所/管辖单位", "监管单位", "jurisdiction"]),
        ("region", False, ["所属地区", "所属区域", "行政区划", "街道", "region"]),
        ("grid", False, ["责任区/网格", "责任区", "网格", "grid"]),
        ("industry", False, ["所属行业", "行业", "行业门类", "industry"]),
        ("status", True, ["登记状态", "经营状态", "status"]),
        ("established", False, ["成立日期", "established"]),
        ("last_inspected", False, ["上次检查日期", "最近检查日期", "last_inspected"]),
        ("credit_class", False, ["信用风险分类", "信用风险等级", "风险分类", "credit_class"]),
    ],
    "inspectors": [
        ("id", None, ["工号", "人员编号", "执法人员编号", "id", "staff_id"]),
        ("name", True, ["姓名", "name"]),
        ("certificate_no", True, ["执法证编号", "执法证号", "执法证件号", "certificate_no"]),
        ("certificate_expiry", True, ["执法证有效期", "执法证有效期至", "有效期至", "certificate_expiry"]),
        ("department", True, ["所在部门", "所在业务部门", "所在业务部门/单位", "部门", "单位", "department"]),
        ("region", False, ["所属地区", "岗位管辖片区", "所属地区/岗位管辖片区", "管辖片区", "region"]),
        ("specialty", False, ["专业", "岗位资格资质", "岗位资格资质/专业", "专业领域", "specialty"]),
        ("items", False, ["执法事项清单范围", "执法事项", "items"]),
        ("expert", False, ["专家", "是否专家", "expert"]),
        ("status", True, ["状态", "在岗状态", "人员状态", "status"]),
    ],
    "conflicts": [
        ("inspector", True, ["工号", "人员编号", "执法人员编号", "inspector", "inspector_id"]),
        ("inspector_name", False, ["姓名", "inspector_name"]),
        ("entity", True, ["统一社会信用代码", "注册号/统一社会信用代码", "社会信用代码", "entity", "entity_code"]),
        ("entity_name", False, ["企业名称", "单位名称", "entity_name"]),
        ("reason", True, ["回避事由", "关系", "关联关系", "原因", "reason"]),
        ("declared", False, ["申报日期", "declared"]),
    ],
}


class SnapshotError(ValueError):
    pass


def row_id(kind, row):
    """§3.4 (for inspectors, the id field when present: a file with an id column gives every row one)."""
    if kind == "enterprises":
        return row["code"].encode("utf-8")
    if kind == "inspectors":
        return (row["id"] if "id" in row else row["certificate_no"]).encode("utf-8")
    return row["inspector"].encode("utf-8") + b"\x00" + row["entity"].encode("utf-8")


def _trim(s):
    return s.strip(" \t")


def _fold(name):
    return "".join(c.lower() if c.isascii() else c for c in _trim(name))


def read_table(kind, text, fmt):
    """Rows (dicts) of a CSV or JSON file's text, by §3.6; returns (rows, had_id_column)."""
    if fmt == "csv":
        records = [r for r in csv.reader(io.StringIO(text, newline=""), strict=True) if r != []]
        if not records:
            raise SnapshotError("empty file")
        header, body = records[0], records[1:]
        table = [dict(zip(header, r)) for r in body]
        for n, r in enumerate(body):
            if len(r) != len(header):
                raise SnapshotError(f"record {n + 2}: {len(r)} fields, header has {len(header)}")
    else:
        data = json.loads(text, object_pairs_hook=lambda p: dict(p))
        if not isinstance(data, list):
            raise SnapshotError("a JSON directory is an array of objects")
        header = []
        for obj in data:
            for k in obj:
                if k not in header:
                    header.append(k)
        table = [{k: ("" if v is None else v) for k, v in obj.items()} for obj in data]
    columns = {}
    extra = []
    for col in header:
        field = None
        for fname, _, names in FIELDS[kind]:
            if _fold(col) in [_fold(n) for n in names]:
                field = fname
        if field is None:
            extra.append(col)
        elif field in columns.values():
            raise SnapshotError(f"two columns for field {field}")
        else:
            columns[col] = field
    rows = []
    for raw in table:
        row, ex = {}, []
        for col, val in raw.items():
            if not isinstance(val, str):
                raise SnapshotError(f"column {col!r}: only strings and null are accepted")
            v = _trim(val)
            if not v:
                continue
            if col in columns:
                row[columns[col]] = v
            else:
                ex.append([_trim(col), v])
        if not row and not ex:
            continue
        if ex:
            row["extra"] = sorted(ex, key=lambda p: p[0].encode("utf-8"))
        rows.append(row)
    return rows, "id" in columns.values()


def canonical_rows(kind, rows):
    """(id bytes, canonical row bytes) in position order; refuses repeated IDs."""
    out = sorted(((row_id(kind, r), cjson.dumpb(r)) for r in rows), key=lambda p: p[0])
    for a, b in zip(out, out[1:]):
        if a[0] == b[0]:
            raise SnapshotError(f"two rows with ID {a[0]!r}")
    return out


def root(canonical):
    return merkle.root([c for c in canonical]).hex()


SEALED = {"conflicts": ["reason"], "inspectors": []}


def sealed_fields(kind, confidential):
    return sorted(confidential if kind == "enterprises" else SEALED[kind], key=lambda f: f.encode("utf-8"))


def salt(key, kind, rid, field):
    return hmac.new(key, cjson.dumpb(["fairdraw-seal-v1", kind, rid, field]), hashlib.sha256).digest()


def public_row(key, kind, row, fields):
    """§6.2: the canonical row without the sealed fields, plus their seals (row is a dict)."""
    if not fields:
        return cjson.dumpb(row)
    rid = row_id(kind, row).decode("utf-8")
    pub = {k: v for k, v in row.items() if k not in fields}
    pub["sealed"] = {f: hashlib.sha256(salt(key, kind, rid, f) + row.get(f, "").encode("utf-8")).hexdigest()
                     for f in fields}
    return cjson.dumpb(pub)
