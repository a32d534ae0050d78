"""The import templates in lists/templates/ and their README, against the directory schema."""
import csv
import io
import unittest

from fdtest import LISTS
from test_generator import (CONFLICT_COLUMNS, ENTERPRISE_COLUMNS, ENTERPRISE_STATUSES, INSPECTOR_COLUMNS,
                            INSPECTOR_STATUSES, is_date, is_valid_uscc)

TEMPLATES = LISTS / "templates"

# Every accepted column name of every field (SCHEMA.md), first Chinese name first.
ACCEPTED = {
    "enterprises": {
        "code": ["统一社会信用代码", "注册号/统一社会信用代码", "统一社会信用代码/注册号", "社会信用代码", "信用代码",
                 "注册号", "code", "uscc"],
        "name": ["企业名称", "市场主体名称", "单位名称", "用人单位名称", "名称", "name"],
        "entity_type": ["市场主体类型", "企业类型", "主体类型", "entity_type"],
        "registration_authority": ["登记机关", "registration_authority"],
        "jurisdiction": ["管辖单位", "属地监管所", "属地监管所/管辖单位", "监管单位", "jurisdiction"],
        "region": ["所属地区", "所属区域", "行政区划", "街道", "region"],
        "grid": ["责任区/网格", "责任区", "网格", "grid"],
        "industry": ["所属行业", "行业", "行业门类", "industry"],
        "status": ["登记状态", "经营状态", "status"],
        "established": ["成立日期", "established"],
        "last_inspected": ["上次检查日期", "最近检查日期", "last_inspected"],
        "credit_class": ["信用风险分类", "信用风险等级", "风险分类", "credit_class"],
    },
    "inspectors": {
        "id": ["工号", "人员编号", "执法人员编号", "id", "staff_id"],
        "name": ["姓名", "name"],
        "certificate_no": ["执法证编号", "执法证号", "执法证件号", "certificate_no"],
        "certificate_expiry": ["执法证有效期", "执法证有效期至", "有效期至", "certificate_expiry"],
        "department": ["所在部门", "所在业务部门", "所在业务部门/单位", "部门", "单位", "department"],
        "region": ["所属地区", "岗位管辖片区", "所属地区/岗位管辖片区", "管辖片区", "region"],
        "specialty": ["专业", "岗位资格资质", "岗位资格资质/专业", "专业领域", "specialty"],
        "items": ["执法事项清单范围", "执法事项", "items"],
        "expert": ["专家", "是否专家", "expert"],
        "status": ["状态", "在岗状态", "人员状态", "status"],
    },
    "conflicts": {
        "inspector": ["工号", "人员编号", "执法人员编号", "inspector", "inspector_id"],
        "inspector_name": ["姓名", "inspector_name"],
        "entity": ["统一社会信用代码", "注册号/统一社会信用代码", "社会信用代码", "entity", "entity_code"],
        "entity_name": ["企业名称", "单位名称", "entity_name"],
        "reason": ["回避事由", "关系", "关联关系", "原因", "reason"],
        "declared": ["申报日期", "declared"],
    },
}
REQUIRED = {
    "enterprises": {"code", "name", "status"},
    "inspectors": {"id", "name", "certificate_no", "certificate_expiry", "department", "status"},
    "conflicts": {"inspector", "entity", "reason"},
}
PERSONAL_DATA = ["证件号码", "身份证号", "身份证号码", "公民身份号码", "手机号", "手机号码", "联系电话", "电话", "住址",
                 "家庭住址", "出生日期", "id_card", "phone", "mobile", "address", "birth_date"]
COLUMNS = {"enterprises": ENTERPRISE_COLUMNS, "inspectors": INSPECTOR_COLUMNS, "conflicts": CONFLICT_COLUMNS}


def read_template(kind):
    data = (TEMPLATES / f"{kind}.csv").read_bytes()
    return data, list(csv.reader(io.StringIO(data[3:].decode("utf-8"), newline="")))


class Templates(unittest.TestCase):
    def test_templates_have_a_bom_crlf_lines_and_the_first_chinese_column_names(self):
        for kind in ACCEPTED:
            with self.subTest(kind):
                data, records = read_template(kind)
                self.assertTrue(data.startswith(b"\xef\xbb\xbf"), "Excel needs the BOM to read UTF-8")
                lines = data.split(b"\n")
                self.assertEqual(lines[-1], b"", "the file ends with a line break")
                self.assertTrue(all(line.endswith(b"\r") for line in lines[:-1]), "CRLF line ends")
                self.assertEqual(records[0], [names[0] for names in ACCEPTED[kind].values()])
                self.assertEqual(records[0], COLUMNS[kind], "the generator writes the same header")

    def test_the_single_example_row_is_marked_and_valid(self):
        for kind in ACCEPTED:
            with self.subTest(kind):
                _, records = read_template(kind)
                self.assertEqual(len(records), 2, "header and one example row")
                row = dict(zip(ACCEPTED[kind], records[1]))
                self.assertEqual(len(records[1]), len(records[0]))
                self.assertTrue(any("示例" in value for value in row.values()), "the example says it is one")
                for field in REQUIRED[kind]:
                    self.assertNotEqual(row[field], "", field)
                for field in ("code", "entity"):
                    if field in row:
                        self.assertTrue(is_valid_uscc(row[field]), row[field])
                for field in ("established", "last_inspected", "certificate_expiry", "declared"):
                    if field in row:
                        self.assertTrue(is_date(row[field]), row[field])
                if kind == "enterprises":
                    self.assertIn(row["status"], ENTERPRISE_STATUSES)
                if kind == "inspectors":
                    self.assertIn(row["status"], INSPECTOR_STATUSES)
                    self.assertIn(row["expert"], ("是", "否"))

    def test_the_readme_lists_every_column_name_and_rule(self):
        readme = (TEMPLATES / "README.md").read_text(encoding="utf-8")
        for kind, fields in ACCEPTED.items():
            section = readme.split(f"## {kind}.csv", 1)[1].split("\n## ", 1)[0]
            for field, names in fields.items():
                with self.subTest(kind=kind, field=field):
                    row = next(line for line in section.splitlines() if line.startswith(f"| {names[0]} | {field} |"))
                    cells = [c.strip() for c in row.strip("|").split("|")]
                    self.assertEqual(cells[2].rstrip("*"), "yes" if field in REQUIRED[kind] else "no")
                    self.assertEqual(set(n.strip() for n in cells[4].split(",")), set(names[1:]))
        for name in PERSONAL_DATA:
            self.assertIn(name, readme)
        self.assertIn("9999-09-09", readme)


if __name__ == "__main__":
    unittest.main()
