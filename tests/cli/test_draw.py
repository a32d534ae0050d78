"""fairdraw announce and draw end to end: the protocol, determinism, refusals."""
import codecs
import csv
import hashlib
import hmac
import json
import random
import sqlite3
import unittest

from fdtest import run, workspace_state
from protocol import (ANNOUNCED_AT, CHAIN, DRAW_AT, LOTTERY, NOT_BEFORE_UTC, NOTARY, OPERATOR, PLAN, SAMPLE,
                      WITNESS, ProtocolTest, canonical, h, link, log_entries, query, replaceable, seed_of, ticket,
                      value_args, values)


def read_csv(path):
    with open(path, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


class TheProtocol(ProtocolTest):
    def test_plan_check_announce_draw_on_the_sample_lists_checked_from_the_spec(self):
        check = json.loads(self.fd("plan", "check", PLAN, "--enterprises", "latest", "--inspectors", "latest",
                                   "--conflicts", "latest", "--json", check=0).stdout)
        self.assertTrue(check["ok"])
        announcement_id, doc, raw = self.announce()

        # The announcement file is the canonical document: its SHA-256 is the id (SPEC §6).
        files = sorted((self.ws / "announcements").iterdir())
        self.assertEqual([f.suffix for f in files], [".json", ".txt"])
        self.assertEqual(files[0].read_bytes(), raw)
        self.assertEqual(h(raw).hex(), announcement_id)
        self.assertEqual(canonical(json.loads(raw)), raw)
        self.assertEqual(doc["announced"], ANNOUNCED_AT)
        self.assertEqual(doc["not_before"], NOT_BEFORE_UTC)
        self.assertEqual(doc["algorithm"], "fairdraw-draw-v1")
        self.assertEqual(doc["plan_sha256"], h(canonical(doc["plan"])).hex())
        self.assertEqual(doc["origin"], "fairdraw.test/log")
        self.assertEqual([s["name"] for s in doc["sources"]], [LOTTERY, NOTARY, WITNESS, OPERATOR])
        self.assertEqual(doc["sources"][0]["expected"], "2026-12-01T13:15:00Z")
        self.assertEqual(doc["history"], [])
        snapshots = json.loads(self.fd("lists", "--json", check=0).stdout)
        roots = {s["kind"]: s["root"] for s in snapshots["snapshots"]}
        for kind in ("enterprises", "inspectors", "conflicts"):
            self.assertEqual(doc["snapshots"][kind]["root"], roots[kind])
        self.assertEqual(doc["snapshots"]["enterprises"]["sealed"], ["credit_class"])
        self.assertEqual(doc["snapshots"]["conflicts"]["sealed"], ["reason"])
        self.assertEqual(doc["snapshots"]["inspectors"]["public_root"], doc["snapshots"]["inspectors"]["root"])
        entry = log_entries(self.ws)[-1]
        self.assertEqual(entry["type"], "draw.announce")
        self.assertEqual(entry["payload"]["announcement"], announcement_id)
        self.assertEqual(entry["payload"]["plan_sha256"], doc["plan_sha256"])
        self.assertEqual(entry["payload"]["seal_key"], "random")

        result, result_bytes = self.draw_json()
        # Seed (§7) and tickets (§8.5) recomputed here.
        vals = values()
        canonical_values = [[LOTTERY, "3.5.8./"], [NOTARY, "384615"], [WITNESS, "007912"], [OPERATOR, vals[OPERATOR]]]
        self.assertEqual(result["values"], canonical_values)
        seed = seed_of(announcement_id, canonical_values)
        self.assertEqual(result["seed"], seed)
        self.assertEqual(result["announcement"], announcement_id)
        self.assertEqual(canonical(result), result_bytes)
        result_id = h(result_bytes).hex()
        entry = log_entries(self.ws)[-1]
        self.assertEqual(entry["type"], "draw.result")
        self.assertEqual(entry["payload"]["result"], result_id)
        self.assertEqual(entry["payload"]["seed"], seed)
        self.assertEqual(entry["payload"]["selected"], len(result["selected"]))

        enterprises = {r["统一社会信用代码"]: r for r in read_csv(SAMPLE / "enterprises.csv")}
        inspectors = {r["工号"]: r for r in read_csv(SAMPLE / "inspectors.csv")}
        conflicts = {(r["工号"], r["统一社会信用代码"]) for r in read_csv(SAMPLE / "conflicts.csv")}
        plan = doc["plan"]
        by_stratum = {}
        for e in result["selected"]:
            self.assertEqual(e["ticket"], ticket(seed, e["code"]))
            by_stratum.setdefault(e["stratum"], []).append(e)
            row = enterprises[e["code"]]
            group = plan["strata"]["groups"][e["stratum"]]
            self.assertIn(row["信用风险分类"], group["values"])
            self.assertIn(row["登记状态"], plan["population"]["status"])
            team = [seat["inspector"] for seat in e["team"]]
            self.assertEqual(len(set(team)), 2)
            for i in team:
                x = inspectors[i]
                self.assertEqual(x["状态"], "在岗")
                self.assertIn(x["所在部门"], plan["eligibility"]["departments"])
                self.assertGreaterEqual(x["执法证有效期"], plan["window"]["end"])
                self.assertNotIn((i, e["code"]), conflicts, "a declared conflict was paired")
                self.assertNotEqual(x["所属地区"], row["所属地区"], "an inspector drawn for their own region")
        # Selected order is (ticket, code); each stratum's cut-off is its highest ticket drawn,
        # and its count follows §8.4 (ceil of pool × ratio, then min) from the pool reported.
        keys = [(e["ticket"], e["code"]) for e in result["selected"]]
        self.assertEqual(keys, sorted(keys))
        for g, stratum in enumerate(result["strata"]):
            drawn = by_stratum.get(g, [])
            self.assertEqual(stratum["count"], len(drawn))
            self.assertEqual(stratum["cutoff"], max(e["ticket"] for e in drawn))
            num, den = map(int, plan["strata"]["groups"][g]["ratio"].split("/"))
            k = -(-stratum["pool"] * num // den)
            if plan["strata"]["groups"][g]["min"] is not None:
                k = max(k, plan["strata"]["groups"][g]["min"])
            self.assertEqual(stratum["count"], min(k, stratum["pool"]))
        loads = {}
        for e in result["selected"]:
            for seat in e["team"]:
                loads[seat["inspector"]] = loads.get(seat["inspector"], 0) + 1
        self.assertLessEqual(max(loads.values()), plan["team"]["workload_cap"])
        self.assertLessEqual(max(loads.values()) - min(loads.values()), 1)

        # The readable table names the entities and their teams.
        text = self.draw().stdout
        first = result["selected"][0]
        self.assertIn(first["code"], text)
        self.assertIn(enterprises[first["code"]]["企业名称"], text)
        self.assertIn(inspectors[first["team"][0]["inspector"]]["姓名"], text)
        self.assertIn(result["strata"][0]["cutoff"], text)
        self.assertIn(seed, text)
        self.fd("log", "verify", check=0)

    def test_the_public_root_is_recomputed_here_from_the_stored_rows_and_seal_key(self):
        announcement_id, doc, _ = self.announce()
        (key,) = query(self.ws, "SELECT seal_key FROM announcement")[0]
        key = bytes(key)
        # The canonical rows rebuilt from the CSV by the rules of SPEC §3.3 (the
        # sample's values need no trimming or escaping).
        columns = {"统一社会信用代码": "code", "企业名称": "name", "市场主体类型": "entity_type",
                   "登记机关": "registration_authority", "管辖单位": "jurisdiction", "所属地区": "region",
                   "责任区/网格": "grid", "所属行业": "industry", "登记状态": "status", "成立日期": "established",
                   "上次检查日期": "last_inspected", "信用风险分类": "credit_class"}
        rows = []
        for r in read_csv(SAMPLE / "enterprises.csv"):
            rows.append({columns[c]: v for c, v in r.items() if v})
        rows.sort(key=lambda r: r["code"].encode())

        def leaf(data):
            return h(b"\x00" + data)

        def mth(leaves):
            if len(leaves) == 1:
                return leaves[0]
            k = 1
            while k * 2 < len(leaves):
                k *= 2
            return h(b"\x01" + mth(leaves[:k]) + mth(leaves[k:]))

        plain, public = [], []
        for r in rows:
            plain.append(leaf(canonical(r)))
            salt = hmac.new(key, canonical(["fairdraw-seal-v1", "enterprises", r["code"], "credit_class"]),
                            hashlib.sha256).digest()
            p = dict(r)
            value = p.pop("credit_class", "")
            p["sealed"] = {"credit_class": h(salt + value.encode()).hex()}
            public.append(leaf(canonical(p)))
        self.assertEqual(mth(plain).hex(), doc["snapshots"]["enterprises"]["root"])
        self.assertEqual(mth(public).hex(), doc["snapshots"]["enterprises"]["public_root"])
        # The key never enters the log.
        self.assertNotIn(key.hex(), "\n".join(json.dumps(e) for e in log_entries(self.ws)))

    def test_the_same_values_again_return_the_recorded_result_and_change_nothing(self):
        self.announce()
        result, first = self.draw_json()
        before = workspace_state(self.ws)
        again = self.draw(values(lottery="8,5,3", witness=" 007912 "), "--json", now="2026-12-02T01:00:00Z")
        self.assertEqual(again.stdout.rstrip("\n").encode("utf-8"), first)
        self.assertIn("drawn before with the same values", again.stderr)
        self.assertEqual(before, workspace_state(self.ws))


class StoredState(ProtocolTest):
    def test_announcements_draws_and_substitutions_cannot_be_updated_or_deleted(self):
        self.announce()
        self.draw()
        self.fd("substitute", "latest", "--entity", replaceable(self.draw_json()[0])[0]["code"], "--reason", "已注销",
                "--link", link(1), check=0, env={"FAIRDRAW_NOW": DRAW_AT})
        con = sqlite3.connect(self.ws / "fairdraw.db")
        try:
            for sql in ("UPDATE announcement SET not_before = 'x'", "DELETE FROM announcement",
                        "UPDATE draw SET document = 'x'", "DELETE FROM draw",
                        "UPDATE substitution SET record = 'x'", "DELETE FROM substitution"):
                with self.subTest(sql):
                    with self.assertRaises(sqlite3.DatabaseError) as refused:
                        con.execute(sql)
                    self.assertIn("immutable", str(refused.exception))
        finally:
            con.close()

    def test_rows_changed_outside_fairdraw_are_never_drawn_from(self):
        self.announce()
        con = sqlite3.connect(self.ws / "fairdraw.db")
        try:
            con.execute("DROP TRIGGER snapshot_block_no_update")
            (seq, data), = con.execute("SELECT seq, data FROM snapshot_block WHERE snapshot = 1 ORDER BY seq LIMIT 1")
            changed = bytes(data).replace("有限公司".encode(), "有限责任公司".encode(), 1)
            self.assertNotEqual(changed, bytes(data))
            con.execute("UPDATE snapshot_block SET data = ? WHERE seq = ?", (changed, seq))
            con.commit()
        finally:
            con.close()
        proc = self.draw(check=1)
        self.assertIn("no longer give its root", proc.stderr)
        self.assertEqual(query(self.ws, "SELECT count(*) FROM draw"), [(0,)])


class Determinism(ProtocolTest):
    def other_workspace(self, name, files):
        ws = self.tmp / name
        run("init", ws, "--origin", "fairdraw.test/log", check=0)
        for kind, path in files.items():
            run("--workspace", ws, "import", kind, path, check=0)
        return ws

    def announce_and_draw(self, ws):
        args = ["--workspace", ws, "announce", PLAN, "--enterprises", "latest", "--inspectors", "latest",
                "--conflicts", "latest", "--not-before", "2026-12-01T21:30:00+08:00"]
        from protocol import sources
        for s in sources():
            args += ["--source", s]
        # Sealing draws a random key per announcement, which enters the announcement
        # through the public roots; a fixed key makes runs comparable (SPEC §6.2).
        proc = run(*args, check=0, env={"FAIRDRAW_SEAL_KEY": "ab" * 32})
        self.assertIn("FAIRDRAW_SEAL_KEY: fixed the seal key", proc.stderr)
        doc = run("--workspace", ws, "announcement", "latest", "--json", check=0).stdout
        result = run("--workspace", ws, "draw", "latest", *value_args(values()), "--json", check=0,
                     env={"FAIRDRAW_NOW": DRAW_AT}).stdout
        return doc, result

    def test_two_workspaces_and_processes_give_identical_announcement_and_result_bytes(self):
        files = {k: SAMPLE / f"{k}.csv" for k in ("enterprises", "inspectors", "conflicts")}
        a = self.announce_and_draw(self.other_workspace("a", files))
        b = self.announce_and_draw(self.other_workspace("b", files))
        self.assertEqual(a, b)
        self.assertGreater(len(json.loads(a[1])["selected"]), 200)

    def test_without_a_fixed_key_each_announcement_seals_with_its_own_random_key(self):
        files = {k: SAMPLE / f"{k}.csv" for k in ("enterprises", "inspectors", "conflicts")}
        docs = []
        for name in ("x", "y"):
            ws = self.other_workspace(name, files)
            args = ["--workspace", ws, "announce", PLAN, "--enterprises", "latest", "--inspectors", "latest",
                    "--conflicts", "latest", "--not-before", "now", "--source", "witness:w:digits=6"]
            run(*args, check=0)
            docs.append(json.loads(run("--workspace", ws, "announcement", "latest", "--json", check=0).stdout))
            self.assertEqual(log_entries(ws)[-1]["payload"]["seal_key"], "random")
        x, y = (d["snapshots"]["enterprises"] for d in docs)
        self.assertEqual(x["root"], y["root"])
        self.assertNotEqual(x["public_root"], y["public_root"])

    def test_shuffled_and_reencoded_directories_give_the_same_result(self):
        files = {k: SAMPLE / f"{k}.csv" for k in ("enterprises", "inspectors", "conflicts")}
        plain = self.announce_and_draw(self.other_workspace("plain", files))
        rng = random.Random(7)
        changed = {}
        for kind, path in files.items():
            text = path.read_text(encoding="utf-8")
            header, *rows = text.splitlines()
            rng.shuffle(rows)
            out = self.tmp / f"{kind}-shuffled.csv"
            if kind == "enterprises":  # GB18030, CRLF, as an old export
                out.write_bytes(("\r\n".join([header] + rows) + "\r\n").encode("gb18030"))
            else:  # UTF-8 with a byte order mark
                out.write_bytes(codecs.BOM_UTF8 + ("\n".join([header] + rows) + "\n").encode("utf-8"))
            changed[kind] = out
        shuffled = self.announce_and_draw(self.other_workspace("shuffled", changed))
        self.assertEqual(plain, shuffled)


class Refusals(ProtocolTest):
    def setUp(self):
        super().setUp()
        self.announcement_id, self.doc, _ = self.announce()

    def test_a_draw_before_the_announced_time_is_refused_and_logged(self):
        proc, entry = self.assertRefusedAndLogged(
            ["draw", "latest", *value_args(values())], "may not start before 2026-12-01T13:30:00Z",
            env={"FAIRDRAW_NOW": "2026-12-01T13:29:59Z"})
        self.assertEqual(entry["payload"]["announcement"], self.announcement_id)
        self.assertEqual(entry["payload"]["action"], "draw")
        # A secret typed early is logged by its hash only.
        log = json.dumps(log_entries(self.ws), ensure_ascii=False)
        self.assertNotIn(link(0), log)
        self.assertIn("sha256:" + h(link(0).encode()).hex(), log)
        # Then, on time, the draw is made.
        self.draw()

    def test_values_that_do_not_match_their_sources_are_refused_and_logged(self):
        cases = [
            (values(secret=link(1)), "SHA-256 of the revealed secret"),
            (values(lottery="3 5"), "expected 3 numbers, found 2"),
            (values(lottery="3 5 10"), "outside [0, 9]"),
            (values(lottery="3 5 x"), "'x' is not a digit"),
            (values(lottery="3 5 八"), "is not a digit"),  # the message quotes a part of a character
            (values(notary="12345"), "expected exactly 6 decimal digits"),
            (values(witness="１２３４５６"), "expected exactly 6 decimal digits"),
        ]
        for vals, says in cases:
            with self.subTest(says):
                _, entry = self.assertRefusedAndLogged(["draw", "latest", *value_args(vals)], says,
                                                       env={"FAIRDRAW_NOW": DRAW_AT})
                self.assertTrue(any(says in p for p in entry["payload"]["problems"]), entry)
        self.assertEqual(query(self.ws, "SELECT count(*) FROM draw"), [(0,)])

    def test_a_second_draw_with_other_values_is_refused_and_logged(self):
        result, first = self.draw_json()
        proc, entry = self.assertRefusedAndLogged(
            ["draw", "latest", *value_args(values(notary="384616"))], "already made for this announcement",
            f"source {NOTARY}: differs", env={"FAIRDRAW_NOW": "2026-12-01T14:00:00Z"})
        self.assertIn("384616", json.dumps(entry["payload"], ensure_ascii=False))
        # The recorded result stands.
        self.assertEqual(self.draw_json()[1], first)

    def test_values_not_naming_the_announced_sources_are_usage_errors_and_change_nothing(self):
        full = values()
        missing = dict(full)
        del missing[WITNESS]
        cases = [
            (value_args(missing), f"--value {WITNESS}: no value given"),
            (value_args(full) + ["--value", "公证员 张某=111111"], "--value 公证员 张某: the announcement has no source"),
            (value_args(full) + ["--value", f"{NOTARY}=384615"], f"--value {NOTARY}: is given twice"),
            (value_args(full) + ["--value", "nothing"], "expected SOURCE=VALUE"),
            ([], "no value given"),
        ]
        for args, says in cases:
            with self.subTest(says):
                self.assertFails(["draw", "latest", *args], 2, says)

    def test_an_unknown_announcement_is_refused_without_change(self):
        self.assertFails(["draw", "deadbeefdeadbeef", *value_args(values())], 2, "no announcement has an id")
        self.assertFails(["draw", "nosuchfile.json", *value_args(values())], 2, "names no announcement")
        self.assertFails(["draw", "abc", *value_args(values())], 2, "names no announcement")


if __name__ == "__main__":
    unittest.main()
