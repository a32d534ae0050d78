"""fairdraw substitute end to end: inspectors and entities replaced in the seeded order (SPEC §10)."""
import csv
import json
import shutil
import unittest

from fdtest import run
from protocol import (CHAIN, SAMPLE, ProtocolTest, canonical, h, link, log_entries, query, replaceable,
                      sources, ticket, values)

LATER = "2026-12-02T01:00:00Z"


def substitution_seed(seed_hex, k, link_hex):
    """SPEC §10: SHA-256 of ["fairdraw-substitution-seed-v1", seed, k, link]."""
    return h(canonical(["fairdraw-substitution-seed-v1", seed_hex, k, link_hex])).hex()


class Substitutions(ProtocolTest):
    chain = CHAIN

    def setUp(self):
        super().setUp()
        self.announce(source_specs=sources(chain=self.chain))
        self.result, raw = self.draw_json(values(chain=self.chain))
        self.result_id = h(raw).hex()
        with open(SAMPLE / "conflicts.csv", encoding="utf-8", newline="") as f:
            self.conflicts = {(r["工号"], r["统一社会信用代码"]) for r in csv.DictReader(f)}

    def substitute(self, *args, check=0):
        proc = self.fd("substitute", "latest", *args, "--json", check=check, env={"FAIRDRAW_NOW": LATER})
        return json.loads(proc.stdout) if check == 0 else proc

    def teams(self):
        out = json.loads(self.fd("result", "latest", "--json", check=0).stdout)
        self.assertEqual(out["result_id"], self.result_id)
        return {code: ids for code, ids in out["teams"]}, out["substitutions"]


class WithAHashChain(Substitutions):
    def test_an_inspector_leaves_one_team_and_the_next_candidate_takes_the_position(self):
        first = self.result["selected"][0]
        leaving = first["team"][0]["inspector"]
        record = self.substitute("--inspector", leaving, "--team", first["code"], "--reason", "回避: 近亲属在该单位任职",
                                 "--link", link(1))
        self.assertEqual(record["number"], 1)
        self.assertEqual(record["draw"], self.result_id)
        self.assertEqual(record["link"], link(1))
        self.assertEqual(record["seed"], substitution_seed(self.result["seed"], 1, link(1)))
        self.assertEqual([r["code"] for r in record["refills"]], [first["code"]])
        refill = record["refills"][0]
        self.assertEqual((refill["left"], refill["position"]), (leaving, 0))
        newcomer = refill["seat"]["inspector"]
        self.assertNotEqual(newcomer, leaving)
        self.assertNotIn((newcomer, first["code"]), self.conflicts)
        teams, records = self.teams()
        self.assertEqual(teams[first["code"]], [newcomer, first["team"][1]["inspector"]])
        self.assertEqual(records, [record])
        entry = log_entries(self.ws)[-1]
        self.assertEqual(entry["type"], "draw.substitute")
        self.assertEqual(entry["payload"]["reason"], "回避: 近亲属在该单位任职")
        self.assertEqual(entry["payload"]["link"], link(1))
        self.assertEqual(entry["payload"]["record"], h(canonical(record)).hex())
        self.fd("log", "verify", check=0)

    def test_an_absent_inspector_leaves_every_team_then_an_entity_is_replaced_after_the_chain(self):
        absent = self.result["selected"][1]["team"][1]["inspector"]
        held = [e["code"] for e in self.result["selected"] if absent in [s["inspector"] for s in e["team"]]]
        r1 = self.substitute("--inspector", absent, "--reason", "病假", "--link", link(1))
        self.assertEqual(sorted(r["code"] for r in r1["refills"]), sorted(held))
        teams, _ = self.teams()
        self.assertFalse(any(absent in ids for ids in teams.values()))
        # Round 2 uses the last link; round 3 finds the chain used up and uses the seed.
        gone = replaceable(self.result)[0]
        r2 = self.substitute("--entity", gone["code"], "--reason", "已注销", "--link", link(2))
        self.assertEqual(r2["seed"], substitution_seed(self.result["seed"], 2, link(2)))
        replacement = r2["replacement"]
        self.assertEqual(replacement["stratum"], gone["stratum"])
        self.assertEqual(replacement["ticket"], ticket(self.result["seed"], replacement["code"]))
        self.assertGreater(replacement["ticket"], self.result["strata"][gone["stratum"]]["cutoff"])
        self.assertNotIn(absent, [s["inspector"] for s in replacement["team"]])
        teams, _ = self.teams()
        self.assertNotIn(gone["code"], teams)
        self.assertIn(replacement["code"], teams)
        proc = self.substitute("--entity", replaceable(self.result)[1]["code"], "--reason", "已注销", "--link", link(2),
                               check=2)
        self.assertIn("takes no chain link", proc.stderr)
        r3 = self.substitute("--entity", replaceable(self.result)[1]["code"], "--reason", "已注销")
        self.assertEqual(r3["seed"], self.result["seed"])
        self.assertIsNone(r3["link"])
        self.fd("log", "verify", check=0)

    def test_a_wrong_chain_link_is_refused_and_logged_and_a_missing_one_changes_nothing(self):
        first = self.result["selected"][0]
        args = ["substitute", "latest", "--inspector", first["team"][0]["inspector"], "--team", first["code"],
                "--reason", "回避"]
        _, entry = self.assertRefusedAndLogged(args + ["--link", link(2)], "does not hash to the previous link")
        self.assertEqual(entry["payload"]["action"], "substitute")
        self.assertEqual(entry["payload"]["number"], 1)
        self.assertNotIn(link(2), json.dumps(entry))  # a link is logged by its hash only
        self.assertFails(args, 2, "needs the next link")
        self.assertFails(args + ["--link", "xyz"], 2, "--link: expected hex digits")
        self.assertEqual(query(self.ws, "SELECT count(*) FROM substitution"), [(0,)])

    def test_requests_that_cannot_be_applied_change_nothing(self):
        first = self.result["selected"][0]
        inside = first["team"][0]["inspector"]
        outside = next(s["inspector"] for e in self.result["selected"] for s in e["team"]
                       if s["inspector"] not in [x["inspector"] for x in first["team"]])
        cases = [
            (["--inspector", inside, "--team", first["code"], "--reason", " ", "--link", link(1)], "needs a reason"),
            (["--inspector", outside, "--team", first["code"], "--reason", "回避", "--link", link(1)],
             "is not in the team of"),
            (["--inspector", "RS9999", "--reason", "回避", "--link", link(1)], "not an eligible inspector"),
            (["--entity", "91330106MA0000000X", "--reason", "已注销", "--link", link(1)], "is not among the drawn"),
            (["--inspector", inside, "--reason", "回避\n伪造", "--link", link(1)], "control character U+000A"),
            (["--team", first["code"], "--reason", "x"], "--team requires --inspector"),
            (["--entity", first["code"], "--inspector", inside, "--reason", "x"], "excludes"),
            (["--reason", "x"], "--inspector ID or --entity CODE"),
        ]
        for args, says in cases:
            with self.subTest(says):
                self.assertFails(["substitute", "latest", *args], 2, says)

    def test_a_copy_of_the_workspace_replays_and_gives_the_same_next_record(self):
        first = self.result["selected"][0]
        self.substitute("--inspector", first["team"][0]["inspector"], "--team", first["code"], "--reason", "回避",
                        "--link", link(1))
        self.substitute("--entity", replaceable(self.result)[2]["code"], "--reason", "已注销", "--link", link(2))
        copy = self.tmp / "copy"
        shutil.copytree(self.ws, copy)
        # Each replays the draw and both substitutions before it accepts a third.
        third = ["--inspector", self.result["selected"][7]["team"][1]["inspector"], "--reason", "借调", "--json"]
        a = run("--workspace", self.ws, "substitute", "latest", *third, check=0, env={"FAIRDRAW_NOW": LATER})
        b = run("--workspace", copy, "substitute", "latest", *third, check=0, env={"FAIRDRAW_NOW": LATER})
        self.assertEqual(a.stdout, b.stdout)
        self.assertEqual(json.loads(a.stdout)["number"], 3)

    def test_a_later_announcement_freezes_the_final_teams_as_history(self):
        first = self.result["selected"][0]
        record = self.substitute("--inspector", first["team"][0]["inspector"], "--team", first["code"],
                                 "--reason", "回避", "--link", link(1))
        again = dict(env={"FAIRDRAW_NOW": LATER}, not_before="2026-12-03T09:00:00+08:00",
                     source_specs=["witness:见证人:digits=4"])
        before = self.fd("log", "show", "--json", check=0).stdout
        proc = self.announce(check=2, **again)
        self.assertIn("was announced before, in log entry", proc.stderr)
        self.assertIn("announcing it again needs a reason", proc.stderr)
        self.assertEqual(before, self.fd("log", "show", "--json", check=0).stdout)
        _, doc, _ = self.announce("--reason", "第二批次", **again)
        self.assertEqual(doc["reason"], "第二批次")
        self.assertEqual(len(doc["history"]), 1)
        history = doc["history"][0]
        self.assertEqual(history["result"], self.result_id)
        self.assertEqual(history["window_start"], "2026-12-01")
        teams = dict((code, ids) for code, ids in history["teams"])
        self.assertEqual(teams[first["code"]][0], record["refills"][0]["seat"]["inspector"])
        self.assertEqual([c for c, _ in history["teams"]], sorted(c for c, _ in history["teams"]))
        self.assertEqual(log_entries(self.ws)[-1]["payload"]["history"], [self.result_id])


class WithoutAChain(Substitutions):
    chain = 0

    def test_substitutions_are_keyed_with_the_draw_seed_and_take_no_link(self):
        first = self.result["selected"][0]
        record = self.substitute("--inspector", first["team"][1]["inspector"], "--team", first["code"],
                                 "--reason", "证件过期")
        self.assertEqual(record["seed"], self.result["seed"])
        self.assertIsNone(record["link"])
        self.assertFails(["substitute", "latest", "--entity", first["code"], "--reason", "x", "--link", "00"], 2,
                         "has no secret with a hash chain")


if __name__ == "__main__":
    unittest.main()
