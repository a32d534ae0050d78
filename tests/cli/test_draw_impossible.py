"""A draw the plan check warned about: when no team can be formed, nothing is drawn, once."""
import csv
import json
import unittest

from fdtest import workspace_state
from protocol import PLAN, SAMPLE, ProtocolTest, log_entries, query, seed_of, ticket

DRAW_AT = "2026-12-01T10:00:00Z"


class ImpossibleDraw(ProtocolTest):
    def setUp(self):
        super(ProtocolTest, self).setUp()  # a workspace with small lists of its own
        with open(SAMPLE / "enterprises.csv", encoding="utf-8", newline="") as f:
            header, *rows = f.read().splitlines()
        rows = [r for r in rows if ",存续," in r][:20]
        self.codes = [r.split(",")[0] for r in rows]
        (self.tmp / "e.csv").write_text("\n".join([header] + rows) + "\n", encoding="utf-8")
        with open(SAMPLE / "inspectors.csv", encoding="utf-8", newline="") as f:
            people = list(csv.reader(f))
        staff = [p for p in people[1:] if p[9] == "在岗" and p[3] >= "2027"][:3]
        self.staff = [p[0] for p in staff]
        with open(self.tmp / "i.csv", "w", encoding="utf-8", newline="") as f:
            csv.writer(f).writerows([people[0]] + staff)
        # The last entity has declared conflicts with two of the three inspectors: one is left.
        self.blocked = self.codes[-1]
        (self.tmp / "c.csv").write_text(
            "工号,统一社会信用代码,回避事由\n" +
            "".join(f"{i},{self.blocked},近亲属在该单位任职\n" for i in self.staff[:2]), encoding="utf-8")
        for kind, name in (("enterprises", "e.csv"), ("inspectors", "i.csv"), ("conflicts", "c.csv")):
            self.fd("import", kind, self.tmp / name, check=0)
        plan = json.loads(PLAN.read_text(encoding="utf-8"))
        plan["strata"] = {"groups": [{"name": "全部", "ratio": "50%"}]}
        for key in ("eligibility", "recusal", "repeat", "minimum_total_ratio"):
            plan.pop(key)
        plan["team"] = {"size": 2}
        self.plan = self.tmp / "plan.json"
        self.plan.write_text(json.dumps(plan, ensure_ascii=False), encoding="utf-8")

    def test_an_entity_no_team_can_inspect_makes_the_draw_impossible_and_it_is_recorded_once(self):
        snapshots = ["--enterprises", "latest", "--inspectors", "latest", "--conflicts", "latest"]
        check = self.fd("plan", "check", self.plan, *snapshots, "--json", check=0)
        report = json.loads(check.stdout)
        self.assertTrue(report["ok"])
        self.assertEqual(report["groups"][0]["short_codes"], [self.blocked])
        proc = self.fd("announce", self.plan, *snapshots, "--not-before", "now", "--source", "witness:w:digits=6",
                       check=0)
        self.assertIn("fewer allowed inspectors", proc.stderr)
        announcement_id, _, _ = self.latest_announcement()

        # Values under which the blocked entity is among the 10 drawn, found with SPEC §7–§8 here.
        def drawn(value):
            seed = seed_of(announcement_id, [["w", value]])
            order = sorted((ticket(seed, c), c) for c in self.codes)
            return self.blocked in [c for _, c in order[:10]]
        value = next(f"{n:06d}" for n in range(1000) if drawn(f"{n:06d}"))
        other = next(f"{n:06d}" for n in range(1000) if f"{n:06d}" != value)

        proc = self.fd("draw", "latest", "--value", f"w={value}", env={"FAIRDRAW_NOW": DRAW_AT})
        self.assertEqual(proc.returncode, 2, proc.stderr)
        self.assertIn("no draw is possible", proc.stderr)
        self.assertIn(self.blocked, proc.stderr)
        entry = log_entries(self.ws)[-1]
        self.assertEqual(entry["type"], "draw.impossible")
        self.assertEqual(entry["payload"]["announcement"], announcement_id)
        self.assertEqual(entry["payload"]["seed"], seed_of(announcement_id, [["w", value]]))
        self.assertEqual(query(self.ws, "SELECT outcome, result_id FROM draw"), [("impossible", None)])

        before = workspace_state(self.ws)
        again = self.fd("draw", "latest", "--value", f"w={value}", "--json", env={"FAIRDRAW_NOW": DRAW_AT})
        self.assertEqual(again.returncode, 2)
        record = json.loads(again.stdout)
        self.assertEqual(record["format"], "fairdraw-draw-impossible-v1")
        self.assertEqual(record["values"], [["w", value]])
        self.assertEqual(before, workspace_state(self.ws))
        self.assertRefusedAndLogged(["draw", "latest", "--value", f"w={other}"], "already made for this announcement",
                                    env={"FAIRDRAW_NOW": DRAW_AT})
        self.assertFails(["result", "latest"], 2, "no draw is possible")
        self.assertFails(["substitute", "latest", "--entity", self.codes[0], "--reason", "x"], 2,
                         "has no draw result to substitute in")
        self.fd("log", "verify", check=0)


if __name__ == "__main__":
    unittest.main()
