"""fairdraw-gen: the deterministic directory generator and the committed sample district.

The credit-code check below is written from the standard's description
(GB 32100-2015 and GB 11714, as summarised in the project's domain notes),
independently of include/fairdraw/uscc.h, so that a mistake shared by the
generator and the library would still be caught.
"""
import csv
import datetime
import io
import os
import re
import subprocess
import tempfile
import unittest
from pathlib import Path

from fdtest import BUILD_DIR, LISTS

GEN = Path(os.environ.get("FAIRDRAW_GEN", BUILD_DIR / "fairdraw-gen"))
SAMPLE = LISTS / "sample"
SAMPLE_SEED = "2024"
REFERENCE_DAY = "2026-12-01"

# --- the first Chinese column name of each field, in schema order (SCHEMA.md) ---
ENTERPRISE_COLUMNS = ["统一社会信用代码", "企业名称", "市场主体类型", "登记机关", "管辖单位", "所属地区",
                      "责任区/网格", "所属行业", "登记状态", "成立日期", "上次检查日期", "信用风险分类"]
INSPECTOR_COLUMNS = ["工号", "姓名", "执法证编号", "执法证有效期", "所在部门", "所属地区", "专业",
                     "执法事项清单范围", "专家", "状态"]
CONFLICT_COLUMNS = ["工号", "姓名", "统一社会信用代码", "企业名称", "回避事由", "申报日期"]
ENTERPRISE_STATUSES = {"存续", "在业", "开业", "正常", "迁入", "停业", "歇业", "迁出", "注销", "吊销",
                       "吊销未注销", "撤销"}
INSPECTOR_STATUSES = {"在岗", "离岗", "停职", "休假", "病假", "借调", "调离", "退休"}
LONG_TERM = "9999-09-09"

# --- GB 32100 / GB 11714, written from the standard's description ---
USCC_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"  # 31 characters, no I, O, Z, S, V
USCC_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]  # 3^(i-1) mod 31
ORG_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2]


def org_value(c):
    if c.isdigit():
        return ord(c) - ord("0")
    if "A" <= c <= "Z":
        return ord(c) - ord("A") + 10
    raise ValueError(c)


def is_valid_uscc(code):
    if len(code) != 18 or any(c not in USCC_ALPHABET for c in code):
        return False
    if not code[2:8].isdigit():
        return False
    org = 11 - sum(org_value(c) * w for c, w in zip(code[8:16], ORG_WEIGHTS)) % 11
    if code[16] != {10: "X", 11: "0"}.get(org, str(org)):
        return False
    total = sum(USCC_ALPHABET.index(c) * w for c, w in zip(code[:17], USCC_WEIGHTS))
    return code[17] == USCC_ALPHABET[(31 - total % 31) % 31]


def gen(*args, check=0):
    proc = subprocess.run([str(GEN), *map(str, args)], capture_output=True, text=True, timeout=600)
    if check is not None and proc.returncode != check:
        raise AssertionError(f"fairdraw-gen {' '.join(map(str, args))}: exit {proc.returncode}, "
                             f"expected {check}\n{proc.stderr}")
    return proc


def read_rows(path, columns):
    """The rows of a generated CSV as dicts, after checking the file's framing."""
    data = Path(path).read_bytes()
    assert not data.startswith(b"\xef\xbb\xbf"), f"{path}: generated files have no byte order mark"
    assert b"\r" not in data, f"{path}: generated files have LF line ends"
    assert data.endswith(b"\n"), f"{path}: the last row ends with a line break"
    reader = csv.reader(io.StringIO(data.decode("utf-8"), newline=""))
    header = next(reader)
    assert header == columns, f"{path}: header {header}"
    rows = []
    for line, fields in enumerate(reader, start=2):
        assert len(fields) == len(columns), f"{path}:{line}: {len(fields)} fields"
        rows.append(dict(zip(columns, fields)))
    return rows


def is_date(text):
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        return False
    try:
        datetime.date.fromisoformat(text)
    except ValueError:
        return False
    return True


class GeneratorTest(unittest.TestCase):
    def setUp(self):
        self._tmp = tempfile.TemporaryDirectory(prefix="fairdraw-gen-test-")
        self.tmp = Path(self._tmp.name)

    def tearDown(self):
        self._tmp.cleanup()


class IndependentCheck(unittest.TestCase):
    def test_the_credit_code_check_accepts_and_refuses_the_known_examples(self):
        # 91350100M000100Y43 is GB 32100's own example (weighted sum 1640), the
        # second differs from it in the check character only, the third is a
        # published code of a Shenzhen enterprise.
        self.assertTrue(is_valid_uscc("91350100M000100Y43"))
        self.assertFalse(is_valid_uscc("91350100M000100Y4Z"))
        self.assertTrue(is_valid_uscc("914403001922038216"))
        self.assertEqual(USCC_WEIGHTS, [pow(3, i, 31) for i in range(17)])


class CommittedSample(GeneratorTest):
    def test_the_committed_sample_is_exactly_what_the_generator_writes(self):
        gen("sample", "--out", self.tmp / "sample")
        for name in ("enterprises.csv", "inspectors.csv", "conflicts.csv"):
            self.assertEqual((SAMPLE / name).read_bytes(), (self.tmp / "sample" / name).read_bytes(),
                             f"lists/sample/{name} differs from the generator's output: "
                             "regenerate it with 'fairdraw-gen sample --out lists/sample'")

    def test_the_sample_is_the_three_commands_with_the_default_seed(self):
        gen("enterprises", "--rows", 3000, "--out", self.tmp / "e.csv")
        gen("inspectors", "--rows", 60, "--departments", 4, "--out", self.tmp / "i.csv", "--seed", SAMPLE_SEED)
        gen("conflicts", "--count", 30, "--enterprise-rows", 3000, "--inspector-rows", 60,
            "--out", self.tmp / "c.csv")
        self.assertEqual((self.tmp / "e.csv").read_bytes(), (SAMPLE / "enterprises.csv").read_bytes())
        self.assertEqual((self.tmp / "i.csv").read_bytes(), (SAMPLE / "inspectors.csv").read_bytes())
        self.assertEqual((self.tmp / "c.csv").read_bytes(), (SAMPLE / "conflicts.csv").read_bytes())

    def test_every_sample_row_follows_the_schema(self):
        enterprises = read_rows(SAMPLE / "enterprises.csv", ENTERPRISE_COLUMNS)
        inspectors = read_rows(SAMPLE / "inspectors.csv", INSPECTOR_COLUMNS)
        conflicts = read_rows(SAMPLE / "conflicts.csv", CONFLICT_COLUMNS)
        self.assertEqual((len(enterprises), len(inspectors), len(conflicts)), (3000, 60, 30))
        problems = check_enterprises(enterprises) + check_inspectors(inspectors) + \
            check_conflicts(conflicts, inspectors, enterprises)
        self.assertEqual(problems, [])

    def test_the_sample_district_looks_like_a_real_one(self):
        enterprises = read_rows(SAMPLE / "enterprises.csv", ENTERPRISE_COLUMNS)
        inspectors = read_rows(SAMPLE / "inspectors.csv", INSPECTOR_COLUMNS)
        n = len(enterprises)
        share = lambda column, value: sum(r[column] == value for r in enterprises) / n  # noqa: E731
        self.assertGreaterEqual(share("登记状态", "存续") + share("登记状态", "在业"), 0.9)
        for gone in ("注销", "吊销", "迁出"):
            self.assertTrue(0 < share("登记状态", gone) < 0.05, gone)
        for credit_class, low, high in (("A", 0.25, 0.35), ("B", 0.50, 0.60), ("C", 0.09, 0.15), ("D", 0.015, 0.05)):
            self.assertTrue(low <= share("信用风险分类", credit_class) <= high, credit_class)
        self.assertEqual(len({r["企业名称"] for r in enterprises}), n, "enterprise names repeat")
        self.assertEqual({r["统一社会信用代码"][1] for r in enterprises}, {"1", "2", "3"})
        inspected = [r["上次检查日期"] for r in enterprises if r["上次检查日期"]]
        self.assertTrue(0.2 < len(inspected) / n < 0.6)
        self.assertTrue(any(d >= "2025-12-01" for d in inspected), "nobody inspected in the last year")
        # One street, one squad in charge; inspectors' streets are the enterprises' streets.
        squads = {}
        for r in enterprises:
            squads.setdefault(r["所属地区"], set()).add(r["管辖单位"])
            self.assertTrue(r["责任区/网格"].startswith(r["所属地区"]), r)
        self.assertTrue(all(len(s) == 1 for s in squads.values()), squads)
        for r in inspectors:
            if r["所属地区"] != "全区":
                self.assertEqual(squads[r["所属地区"]], {r["所在部门"]}, r)
        self.assertEqual(len({r["所在部门"] for r in inspectors}), 4)
        self.assertTrue(any(r["执法证有效期"] < REFERENCE_DAY for r in inspectors), "no expired certificate")
        self.assertTrue(any(r["执法证有效期"] == LONG_TERM for r in inspectors), "no long-term certificate")
        self.assertTrue(any(r["状态"] != "在岗" for r in inspectors), "everybody is at work")
        self.assertTrue(0.8 < sum(r["状态"] == "在岗" for r in inspectors) / len(inspectors) < 1)


class Determinism(GeneratorTest):
    COMMANDS = {
        "enterprises": ["enterprises", "--rows", 2000],
        "inspectors": ["inspectors", "--rows", 300, "--departments", 9],
        "conflicts": ["conflicts", "--count", 200, "--enterprise-rows", 2000, "--inspector-rows", 300],
    }

    def test_the_same_seed_gives_the_same_bytes_and_another_seed_other_bytes(self):
        for kind, args in self.COMMANDS.items():
            with self.subTest(kind):
                outputs = {}
                for run, seed in (("a", 7), ("b", 7), ("c", 8)):
                    out = self.tmp / f"{kind}-{run}.csv"
                    gen(*args, "--out", out, "--seed", seed)
                    outputs[run] = out.read_bytes()
                self.assertEqual(outputs["a"], outputs["b"])
                self.assertNotEqual(outputs["a"], outputs["c"])

    def test_enterprise_row_i_does_not_depend_on_how_many_rows_are_written(self):
        gen("enterprises", "--rows", 100, "--out", self.tmp / "small.csv", "--seed", 11)
        gen("enterprises", "--rows", 1000, "--out", self.tmp / "large.csv", "--seed", 11)
        small = (self.tmp / "small.csv").read_bytes().splitlines()
        large = (self.tmp / "large.csv").read_bytes().splitlines()
        self.assertEqual(len(small), 101)
        self.assertEqual(small, large[:101])

    def test_numbers_are_decimal_even_with_leading_zeros(self):
        gen("enterprises", "--rows", "010", "--out", self.tmp / "e.csv", "--seed", "007")
        gen("enterprises", "--rows", "10", "--out", self.tmp / "f.csv", "--seed", "7")
        self.assertEqual(len(read_rows(self.tmp / "e.csv", ENTERPRISE_COLUMNS)), 10)
        self.assertEqual((self.tmp / "e.csv").read_bytes(), (self.tmp / "f.csv").read_bytes())

    def test_zero_rows_give_the_header_alone(self):
        gen("enterprises", "--rows", 0, "--out", self.tmp / "e.csv")
        self.assertEqual(read_rows(self.tmp / "e.csv", ENTERPRISE_COLUMNS), [])


class LargeRun(GeneratorTest):
    def test_every_code_of_200000_enterprises_is_a_valid_distinct_credit_code(self):
        # The generator also checks each code with uscc::validate and aborts on a
        # failure, so exit 0 means the library accepted all of them.
        out = self.tmp / "e.csv"
        gen("enterprises", "--rows", 200_000, "--out", out, "--seed", 99)
        rows = read_rows(out, ENTERPRISE_COLUMNS)
        codes = [r["统一社会信用代码"] for r in rows]
        self.assertEqual(len(codes), 200_000)
        self.assertEqual([c for c in codes if not is_valid_uscc(c)], [])
        self.assertEqual(len(set(codes)), len(codes), "codes repeat")
        # Organization codes alone are unique too (the bijection of the row index).
        self.assertEqual(len({c[8:17] for c in codes}), len(codes))
        self.assertEqual(check_enterprises(rows[:20_000]), [])

    def test_ids_and_certificate_numbers_of_200000_inspectors_are_distinct(self):
        out = self.tmp / "i.csv"
        gen("inspectors", "--rows", 200_000, "--departments", 12, "--out", out, "--seed", 99)
        rows = read_rows(out, INSPECTOR_COLUMNS)
        self.assertEqual(len(rows), 200_000)
        self.assertEqual(len({r["工号"] for r in rows}), len(rows), "ids repeat")
        self.assertEqual(len({r["执法证编号"] for r in rows}), len(rows), "certificate numbers repeat")
        self.assertEqual(len({r["所在部门"] for r in rows}), 12)
        self.assertEqual(check_inspectors(rows[:20_000]), [])


class Conflicts(GeneratorTest):
    def test_conflicts_name_generated_inspectors_and_enterprises_whatever_the_departments(self):
        gen("enterprises", "--rows", 5000, "--out", self.tmp / "e.csv", "--seed", 5)
        gen("inspectors", "--rows", 80, "--departments", 7, "--out", self.tmp / "i.csv", "--seed", 5)
        gen("conflicts", "--count", 400, "--enterprise-rows", 5000, "--inspector-rows", 80,
            "--out", self.tmp / "c.csv", "--seed", 5)
        enterprises = read_rows(self.tmp / "e.csv", ENTERPRISE_COLUMNS)
        inspectors = read_rows(self.tmp / "i.csv", INSPECTOR_COLUMNS)
        conflicts = read_rows(self.tmp / "c.csv", CONFLICT_COLUMNS)
        self.assertEqual(len(conflicts), 400)
        self.assertEqual(check_conflicts(conflicts, inspectors, enterprises), [])
        position = {r["统一社会信用代码"]: i for i, r in enumerate(enterprises)}
        keys = [(r["工号"], position[r["统一社会信用代码"]]) for r in conflicts]
        self.assertEqual(keys, sorted(keys), "rows are sorted by inspector, then enterprise row")
        operating = sum(enterprises[k[1]]["登记状态"] in ("存续", "在业", "迁入") for k in keys)
        self.assertGreater(operating / len(keys), 0.99, "conflicts are about operating enterprises")

    def test_a_conflict_pool_cannot_be_more_than_half_full(self):
        proc = gen("conflicts", "--count", 3, "--enterprise-rows", 2, "--inspector-rows", 2,
                   "--out", self.tmp / "c.csv", check=2)
        self.assertIn("do not fit", proc.stderr)
        self.assertFalse((self.tmp / "c.csv").exists())
        gen("conflicts", "--count", 2, "--enterprise-rows", 2, "--inspector-rows", 2, "--out", self.tmp / "c.csv")
        self.assertEqual(len(read_rows(self.tmp / "c.csv", CONFLICT_COLUMNS)), 2)


class BadUsage(GeneratorTest):
    def assertRefused(self, code, *args, fragment=""):
        out = self.tmp / "out.csv"
        proc = gen(*args, "--out", out, check=code)
        self.assertTrue(proc.stderr.startswith("fairdraw-gen: error: "), proc.stderr)
        self.assertIn(fragment, proc.stderr)
        self.assertEqual(list(self.tmp.iterdir()), [], "a refused command left a file")
        return proc

    def test_sizes_beyond_the_limits_are_refused_before_anything_is_written(self):
        self.assertRefused(2, "enterprises", "--rows", 100_000_001, fragment="--rows is 100000001")
        self.assertRefused(2, "inspectors", "--rows", 10, "--departments", 0, fragment="--departments")
        self.assertRefused(2, "inspectors", "--rows", 10_000_001, "--departments", 3, fragment="--rows")
        self.assertRefused(2, "conflicts", "--count", 1_000_001, "--enterprise-rows", 10**7,
                           "--inspector-rows", 100, fragment="--count")

    def test_malformed_arguments_are_usage_errors(self):
        self.assertRefused(2, "enterprises", "--rows", "many")
        self.assertRefused(2, "enterprises", "--rows", 10, "--seed", "-1")
        self.assertRefused(2, "enterprises", "--rows", 10, "--seed", 2**64, fragment="is larger than")
        self.assertRefused(2, "enterprises", "--rows", "-5")
        self.assertRefused(2, "conflicts", "--count", "-1", "--enterprise-rows", 10, "--inspector-rows", 10)
        self.assertRefused(2, "enterprises")  # --rows missing
        self.assertRefused(2, "draw", "--rows", 10)  # no such command

    def test_an_unwritable_output_exits_3_and_leaves_no_file(self):
        target = self.tmp / "missing-folder" / "e.csv"
        proc = gen("enterprises", "--rows", 10, "--out", target, check=3)
        self.assertIn("cannot create", proc.stderr)
        self.assertIn("fairdraw-gen: hint:", proc.stderr)
        blocker = self.tmp / "a-file"
        blocker.write_text("x")
        proc = gen("sample", "--out", blocker / "sample", check=3)
        self.assertIn("cannot create the folder", proc.stderr)
        self.assertEqual(sorted(p.name for p in self.tmp.iterdir()), ["a-file"])


# --- row checks shared by the tests: each returns a list of problems ---

def check_enterprises(rows):
    problems = []
    for line, r in enumerate(rows, start=2):
        code = r["统一社会信用代码"]
        if not is_valid_uscc(code):
            problems.append(f"line {line}: invalid code {code}")
        if code[0] != "9" or code[1] not in "123":
            problems.append(f"line {line}: {code} is not a market-regulation code of an employer")
        if not r["企业名称"] or not r["登记机关"] or not r["管辖单位"]:
            problems.append(f"line {line}: empty text field")
        if r["登记状态"] not in ENTERPRISE_STATUSES:
            problems.append(f"line {line}: status {r['登记状态']}")
        if not is_date(r["成立日期"]) or r["成立日期"] >= REFERENCE_DAY:
            problems.append(f"line {line}: 成立日期 {r['成立日期']}")
        last = r["上次检查日期"]
        if last and (not is_date(last) or last < r["成立日期"] or last >= REFERENCE_DAY):
            problems.append(f"line {line}: 上次检查日期 {last}")
        if r["信用风险分类"] not in ("A", "B", "C", "D"):
            problems.append(f"line {line}: 信用风险分类 {r['信用风险分类']}")
        expected_type = {"2": "个体工商户", "3": "农民专业合作社"}.get(code[1])
        if expected_type and r["市场主体类型"] != expected_type:
            problems.append(f"line {line}: {code} with type {r['市场主体类型']}")
    return problems


def check_inspectors(rows):
    problems = []
    for line, r in enumerate(rows, start=2):
        for column in ("工号", "姓名", "执法证编号", "所在部门"):
            if not r[column] or any(ord(c) < 0x20 for c in r[column]):
                problems.append(f"line {line}: {column} {r[column]!r}")
        if not is_date(r["执法证有效期"]):
            problems.append(f"line {line}: 执法证有效期 {r['执法证有效期']}")
        if r["状态"] not in INSPECTOR_STATUSES:
            problems.append(f"line {line}: 状态 {r['状态']}")
        if r["专家"] not in ("是", "否"):
            problems.append(f"line {line}: 专家 {r['专家']}")
        if not r["专业"] or not r["执法事项清单范围"]:
            problems.append(f"line {line}: no specialty or item")
    return problems


def check_conflicts(conflicts, inspectors, enterprises):
    problems = []
    inspector_names = {r["工号"]: r["姓名"] for r in inspectors}
    enterprise_names = {r["统一社会信用代码"]: r["企业名称"] for r in enterprises}
    seen = set()
    for line, r in enumerate(conflicts, start=2):
        key = (r["工号"], r["统一社会信用代码"])
        if key in seen:
            problems.append(f"line {line}: pair {key} repeats")
        seen.add(key)
        if inspector_names.get(r["工号"]) != r["姓名"]:
            problems.append(f"line {line}: inspector {r['工号']} {r['姓名']} is not in the inspector file")
        if enterprise_names.get(r["统一社会信用代码"]) != r["企业名称"]:
            problems.append(f"line {line}: enterprise {r['统一社会信用代码']} is not in the enterprise file")
        if not r["回避事由"]:
            problems.append(f"line {line}: no reason")
        if not is_date(r["申报日期"]) or r["申报日期"] >= REFERENCE_DAY:
            problems.append(f"line {line}: 申报日期 {r['申报日期']}")
    return problems


if __name__ == "__main__":
    unittest.main()
