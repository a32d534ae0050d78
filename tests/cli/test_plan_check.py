"""fairdraw plan check end to end: feasibility before any randomness, and bad plan files."""
import json
import unittest

from fdtest import DATA
from protocol import PLAN, ProtocolTest

SNAPSHOTS = ["--enterprises", "latest", "--inspectors", "latest", "--conflicts", "latest"]


class PlanCheck(ProtocolTest):
    def plan_with(self, name, **changes):
        plan = json.loads(PLAN.read_text(encoding="utf-8"))
        for path, value in changes.items():
            node = plan
            keys = path.split("__")
            for key in keys[:-1]:
                node = node[key]
            node[keys[-1]] = value
        out = self.tmp / name
        out.write_text(json.dumps(plan, ensure_ascii=False), encoding="utf-8")
        return out

    def test_a_feasible_plan_reports_pool_counts_and_inspectors(self):
        text = self.fd("plan", "check", PLAN, *SNAPSHOTS, check=0).stdout
        self.assertIn("The plan can be drawn from these directories", text)
        report = json.loads(self.fd("plan", "check", PLAN, *SNAPSHOTS, "--json", check=0).stdout)
        self.assertTrue(report["ok"])
        self.assertEqual(report["pool"]["rows"], 3000)
        self.assertEqual(report["errors"], [])
        plan = json.loads(PLAN.read_text(encoding="utf-8"))
        ratios = {"100%": (1, 1), "20%": (1, 5), "5%": (1, 20), "3%": (3, 100)}
        total = 0
        for stratum, group in zip(report["strata"], plan["strata"]["groups"]):
            num, den = ratios[group["ratio"]]
            k = max(-(-stratum["pool"] * num // den), group.get("min") or 0)  # SPEC §8.4, ceil
            self.assertEqual(stratum["count"], min(k, stratum["pool"]), stratum)
            total += stratum["count"]
        self.assertEqual(report["total"], total)
        self.assertEqual(sum(s["pool"] for s in report["strata"]), report["pool"]["size"])
        (group,) = report["groups"]
        self.assertEqual(group["need"], 2)
        self.assertEqual(group["demand"], 2 * total)
        self.assertEqual(group["capacity"], group["eligible"] * plan["team"]["workload_cap"])
        # Nothing is written by a check.
        self.assertFails(["plan", "check", self.plan_with("cap.json", team__workload_cap=2), *SNAPSHOTS], 2)

    def test_an_impossible_plan_says_which_department_and_why_and_cannot_be_announced(self):
        cases = [
            (self.plan_with("cap.json", team__workload_cap=2), "the workload cap leaves too few assignments",
             "raise team.workload_cap"),
            (self.plan_with("specialty.json", eligibility__specialties=["爆破作业"]),
             "too few eligible inspectors for one team", "specialty"),
            (self.plan_with("department.json", eligibility__departments=["法制科"], team__size=5),
             "too few eligible inspectors for one team", "expected at least 5"),
        ]
        for plan, says, detail in cases:
            with self.subTest(plan.name):
                proc = self.assertFails(["plan", "check", plan, *SNAPSHOTS], 2, "the plan cannot be drawn")
                self.assertIn(says, proc.stdout)
                self.assertIn(detail, proc.stdout)
                report = json.loads(self.fd("plan", "check", plan, *SNAPSHOTS, "--json").stdout)
                self.assertFalse(report["ok"])
                proc = self.assertFails(["announce", plan, *SNAPSHOTS, "--not-before", "now", "--source",
                                         "witness:w:digits=6"], 2, "the plan cannot be drawn", says)

    def test_every_bad_plan_file_is_refused_with_its_file_and_field(self):
        plans = DATA / "plans"
        cases = sorted(plans.glob("bad-*.json"))
        self.assertGreater(len(cases), 25)
        for case in cases:
            expect = (plans / (case.stem + ".expect")).read_text(encoding="utf-8").splitlines()
            with self.subTest(case.name):
                proc = self.assertFails(["plan", "check", case, *SNAPSHOTS], 2)
                self.assertIn(str(case), proc.stderr)
                for fragment in expect:
                    if fragment.strip():
                        self.assertIn(fragment.strip(), proc.stderr)

    def test_hostile_text_in_a_plan_is_refused_with_its_field(self):
        cases = [
            ("title", "抽查\x1b[2J任务", "field title", "U+001B"),
            ("title", "抽查\u202e务任", "field title", "U+202E"),
            ("department", "人社局\n法制科", "field department", "U+000A"),
        ]
        for key, value, field, char in cases:
            with self.subTest(char):
                plan = self.plan_with("hostile.json", **{key: value})
                self.assertFails(["plan", "check", plan, *SNAPSHOTS], 2, str(plan), field, char)
                self.assertFails(["announce", plan, *SNAPSHOTS, "--not-before", "now", "--source",
                                  "witness:w:digits=6"], 2, field, char)

    def test_snapshots_must_be_named_and_conflicts_never_silently_left_out(self):
        self.assertFails(["plan", "check", PLAN, "--enterprises", "latest", "--inspectors", "latest"], 2,
                         "--conflicts: not given, but this workspace holds conflicts snapshots",
                         "--conflicts none")
        self.assertFails(["plan", "check", PLAN, "--enterprises", "12345678", "--inspectors", "latest",
                          "--conflicts", "latest"], 2, "--enterprises: no enterprises snapshot has a root")
        self.assertFails(["plan", "check", PLAN, "--inspectors", "latest", "--conflicts", "latest"], 2,
                         "--enterprises is required")
        self.assertFails(["plan", "check", self.tmp / "missing.json", *SNAPSHOTS], 2, "missing.json: no such file")
        report = json.loads(self.fd("plan", "check", PLAN, "--enterprises", "latest", "--inspectors", "latest",
                                    "--conflicts", "none", "--json", check=0).stdout)
        self.assertTrue(report["ok"])
        self.assertIsNone(report["snapshots"]["conflicts"])


if __name__ == "__main__":
    unittest.main()
