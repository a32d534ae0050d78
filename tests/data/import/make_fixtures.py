#!/usr/bin/env python3
"""Writes the directory fixtures of tests/cli/test_import.py (run from anywhere).

One small enterprise directory written five ways that must give one snapshot
root: UTF-8 with LF; rows shuffled with CRLF; GB18030; UTF-8 with a byte order
mark, other column names and another column order; JSON. Codes are made with
the GB 32100 / GB 11714 check characters computed here (DOMAIN.md §2).
"""
import json
import random
from pathlib import Path

HERE = Path(__file__).resolve().parent
ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]
ORG_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2]


def uscc(region: str, body: str) -> str:
    s = sum(int(c, 36) * w for c, w in zip(body, ORG_WEIGHTS))
    c = 11 - s % 11
    first = "91" + region + body + ("X" if c == 10 else "0" if c == 11 else str(c))
    total = sum(ALPHABET.index(ch) * w for ch, w in zip(first, WEIGHTS))
    return first + ALPHABET[(31 - total % 31) % 31]


def quote(value: str) -> str:
    return '"' + value.replace('"', '""') + '"' if any(c in value for c in ',"\r\n') else value


rng = random.Random(2026)
rows = []
for i in range(40):
    code = uscc("320102", f"{i:04d}ABCD") if i % 10 else f"32010200{i:07d}"  # every tenth: legacy 注册号
    name = ["南京紫金科技有限公司", " 秦淮商贸 有限公司 ", "玄武\"新\"餐饮店", "鼓楼物流,仓储有限公司"][i % 4] + str(i)
    rows.append({
        "code": code,
        "name": name,
        "status": ["存续", "在业", "注销"][i % 3],
        "established": f"20{i % 24:02d}-0{1 + i % 9}-1{i % 10}",
        "credit_class": "ABCD"[i % 4] if i % 5 else "",
        "备注": "重点监管" if i % 6 == 0 else "",
    })

COLUMNS = [("code", "统一社会信用代码"), ("name", "企业名称"), ("status", "登记状态"),
           ("established", "成立日期"), ("credit_class", "信用风险分类"), ("备注", "备注")]
OTHER_NAMES = {"code": "注册号/统一社会信用代码", "name": "市场主体名称", "status": "经营状态",
               "established": "ESTABLISHED", "credit_class": "风险分类", "备注": "备注"}


def csv_text(rows, columns, names, eol="\n"):
    lines = [",".join(names[c] for c in columns)]
    lines += [",".join(quote(r[c]) for c in columns) for r in rows]
    return eol.join(lines) + eol


base_cols = [c for c, _ in COLUMNS]
base_names = dict(COLUMNS)
(HERE / "enterprises.csv").write_bytes(csv_text(rows, base_cols, base_names).encode("utf-8"))
shuffled = rows[:]
rng.shuffle(shuffled)
(HERE / "enterprises-shuffled-crlf.csv").write_bytes(csv_text(shuffled, base_cols, base_names, "\r\n").encode("utf-8"))
(HERE / "enterprises-gb18030.csv").write_bytes(csv_text(rows, base_cols, base_names).encode("gb18030"))
other_order = ["备注", "credit_class", "name", "code", "established", "status"]
(HERE / "enterprises-bom-other-columns.csv").write_bytes(
    b"\xef\xbb\xbf" + csv_text(list(reversed(rows)), other_order, OTHER_NAMES, "\r\n").encode("utf-8"))
(HERE / "enterprises.json").write_text(
    json.dumps([{k: v for k, v in r.items() if v} for r in rows], ensure_ascii=False, indent=1) + "\n", encoding="utf-8")

# Hostile names: markup and spreadsheet formulas are data, kept byte for byte.
hostile = [
    ("<script>alert('x')</script>", uscc("320104", "0001HHKT")),
    ('=HYPERLINK("http://evil.example","点我")', uscc("320104", "0002HHKT")),
    ("+cmd|' /C calc'!A0", uscc("320104", "0003HHKT")),
    ("-2+3", uscc("320104", "0004HHKT")),
    ("@SUM(A1:A9)", uscc("320104", "0005HHKT")),
    ("\\\\server\\share & \"quotes\" 'single'", uscc("320104", "0006HHKT")),
    ("</td><img src=x onerror=alert(1)>", uscc("320104", "0007HHKT")),
]
(HERE / "hostile-names.csv").write_bytes(
    ("统一社会信用代码,企业名称,登记状态\n" + "".join(f"{c},{quote(n)},存续\n" for n, c in hostile)).encode("utf-8"))
(HERE / "hostile-names.json").write_text(
    json.dumps([{"code": c, "name": n, "status": "存续"} for n, c in hostile], ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
