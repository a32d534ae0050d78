"""Random draws through the real CLI, replayed by the independent verifier in audit/.

Each case writes a small random district (enterprises, inspectors, declared
conflicts) and a random plan, runs init, import, announce, draw and a few
substitutions with fairdraw, then replays the draw with audit/fairdraw_audit
(written from docs/SPEC.md alone) from the announcement document, the CSV
files and the typed values. The two must give the same result document and
substitution records byte for byte, refuse the same substitutions, and agree
on draws that turn out impossible. Some cases announce a second plan in the
same workspace, so that history (repeat control, last-inspector recusal,
pair counts) is exercised too.

The cases are generated from fixed seeds (random.Random(case)), so a failure
names a case that reproduces.
"""
import csv
import json
import os
import random
import sys
import unittest
from pathlib import Path

from fdtest import SOURCE_DIR, WorkspaceTest
from protocol import h, log_entries

sys.path.insert(0, str(SOURCE_DIR / "audit"))
from fairdraw_audit import cjson, draw, plan as planmod, snapshot, sources as srcmod  # noqa: E402
from fairdraw_audit.substitute import Refused, Substitutions  # noqa: E402

CASES = int(os.environ.get("FAIRDRAW_AUDIT_CASES", "80"))
ANNOUNCED = "2026-05-01T02:00:00Z"
NOT_BEFORE = "2026-05-02T02:00:00Z"
DRAWN = "2026-05-02T03:00:00Z"
LATER = "2026-05-03T03:00:00Z"
ANNOUNCED_2 = "2026-05-04T02:00:00Z"
NOT_BEFORE_2 = "2026-05-05T02:00:00Z"
DRAWN_2 = "2026-05-05T03:00:00Z"
LATER_2 = "2026-05-06T03:00:00Z"

# GB 32100 / GB 11714 check characters, from the project's domain notes (DOMAIN.md §2).
ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]
ORG_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2]


def credit_code(rng):
    body = "91" + "".join(rng.choice("0123456789") for _ in range(6)) + \
        "".join(rng.choice("0123456789ABCDEFGHJKLMNPQRTUWXY") for _ in range(8))
    org = 11 - sum((int(c) if c.isdigit() else ord(c) - 55) * w for c, w in zip(body[8:16], ORG_WEIGHTS)) % 11
    body += {10: "X", 11: "0"}.get(org, str(org))
    total = sum(ALPHABET.index(c) * w for c, w in zip(body, WEIGHTS))
    return body + ALPHABET[(31 - total % 31) % 31]


REGIONS = ["东城街道", "西城街道", "南湖街道"]
DEPARTMENTS = ["市场监管所", "综合执法大队"]


def district(rng):
    """Random enterprises, inspectors and conflicts (lists of dicts with canonical field names)."""
    ents = []
    codes = set()
    for _ in range(rng.randint(6, 30)):
        code = credit_code(rng) if rng.random() < 0.9 else "".join(rng.choice("0123456789") for _ in range(15))
        if code in codes:
            continue
        codes.add(code)
        e = {"code": code, "name": f"企业{len(ents) + 1}",
             "status": rng.choice(["存续", "在业", "在业", "开业", "注销"])}
        if rng.random() < 0.8:
            e["region"] = rng.choice(REGIONS)
        if rng.random() < 0.85:
            e["credit_class"] = rng.choice("ABCD")
        if rng.random() < 0.3:
            e["last_inspected"] = f"{rng.choice([2025, 2026, 2026])}-{rng.randint(1, 9):02d}-{rng.randint(1, 28):02d}"
        ents.append(e)
    insps = []
    for n in range(rng.randint(4, 12)):
        i = {"id": f"I{n:03d}", "name": f"检查员{n}", "certificate_no": f"C{n:05d}",
             "certificate_expiry": rng.choice(["9999-09-09", "2028-12-31", "2028-12-31", "2028-12-31", "2026-05-20"]),
             "department": rng.choice(DEPARTMENTS),
             "status": "在岗" if rng.random() < 0.93 else "病假"}
        if rng.random() < 0.6:
            i["region"] = rng.choice(REGIONS)
        if rng.random() < 0.7:
            i["specialty"] = "、".join(rng.sample(["食品", "广告", "价格"], rng.randint(1, 2)))
        insps.append(i)
    conflicts = []
    heavy = rng.random() < 0.3  # many declared conflicts force completion and raising chains (§9.7, §9.8)
    for _ in range(rng.randint(len(ents) * len(insps) // 4, len(ents) * len(insps) // 2) if heavy else
                   rng.randint(0, 6)):
        i, e = rng.choice(insps), rng.choice(ents)
        if not any(c["inspector"] == i["id"] and c["entity"] == e["code"] for c in conflicts):
            conflicts.append({"inspector": i["id"], "entity": e["code"], "reason": "亲属任职"})
    if rng.random() < 0.4:  # an inspector who may inspect only a few entities: raising (§9.8) gives them work
        narrow = rng.choice(insps)["id"]
        for e in ents:
            if rng.random() < 0.75 and not any(c["inspector"] == narrow and c["entity"] == e["code"]
                                               for c in conflicts):
                conflicts.append({"inspector": narrow, "entity": e["code"], "reason": "曾任顾问"})
    return ents, insps, conflicts


def random_plan(rng, title):
    p = {"format": "fairdraw-plan-v1", "title": title, "department": "市场监管局",
         "items": [{"id": "X-1", "name": "公示信息检查", "legal_basis": "《企业信息公示暂行条例》", "category": "一般"}],
         "window": {"start": "2026-06-01", "end": "2026-06-30"},
         "rounding": rng.choice(["ceil", "floor", "half_up"])}
    field = rng.choice([None, "credit_class", "region"])
    if field is None:
        g = {"name": "全部"}
        g.update({"count": rng.randint(1, 6)} if rng.random() < 0.4 else
                 {"ratio": rng.choice(["20%", "0.25", "1/4", "1/3", "50%"])})
        p["strata"] = {"groups": [g]}
    else:
        values = ["A", "B", "C", "D", ""] if field == "credit_class" else REGIONS + [""]
        rng.shuffle(values)
        groups = []
        k = rng.randint(1, 3)
        for n in range(k):
            take = values[n::k]
            g = {"name": f"组{n}", "values": take[: rng.randint(1, len(take))]}
            g.update({"count": rng.randint(0, 4)} if rng.random() < 0.3 else
                     {"ratio": rng.choice(["10%", "30%", "1/2", "100%", "0.15"])})
            if rng.random() < 0.3:
                g["min"] = rng.randint(0, 2)
            if rng.random() < 0.2:
                g["max"] = rng.randint(2, 5)
            groups.append(g)
        p["strata"] = {"field": field, "unmatched": rng.choice(["exclude", "exclude", "error"]), "groups": groups}
    if rng.random() < 0.2:
        p["minimum_total_ratio"] = rng.choice(["5%", "10%"])
    if rng.random() < 0.5:
        p["repeat"] = {"within_days": rng.choice([0, 30, 90]), "annual_cap": rng.choice([0, 1, 2])}
    size = rng.choice([2, 2, 3])
    team = {"size": size}
    if size == 3 and rng.random() < 0.5:
        team["composition"] = {DEPARTMENTS[0]: 2, DEPARTMENTS[1]: 1}
    if rng.random() < 0.4:
        team["workload_cap"] = rng.randint(3, 8)
    p["team"] = team
    if rng.random() < 0.25:
        p["eligibility"] = {"specialties": ["食品", "广告"]}
    p["recusal"] = {"not_own_region": rng.random() < 0.5, "not_last_inspector": rng.random() < 0.5}
    # sealed fields other than the default (own generator, so the cases stay as they were)
    p["confidential"] = random.Random(title + str(p["window"])).choice(
        [["credit_class"], ["credit_class"], ["region", "credit_class"], ["last_inspected"], []])
    return p


SECRET = bytes.fromhex("a5" * 32)


def chain_link(n, k):
    """v_(k+1) = H^(n-1-k)(s) of SPEC §6 (k = 0 is the draw's value)."""
    v = SECRET
    for _ in range(n - 1 - k):
        v = h(v)
    return v.hex()


class Case:
    """One announcement of a case: what was typed and what fairdraw answered."""

    def __init__(self, announcement, ann_bytes, typed, result_bytes, impossible, subs):
        self.announcement, self.ann_bytes, self.typed = announcement, ann_bytes, typed
        self.result_bytes, self.impossible, self.subs = result_bytes, impossible, subs


class DrawCases(WorkspaceTest):
    """Runs one random case through the command line and replays it (no test of its own)."""

    init_workspace = False

    def setUp(self):
        super().setUp()
        self.counts = [0, 0]  # substitutions refused, applied
        self.chains = {"completion": 0, "raising": 0}  # seats filled by §9.7 and §9.8 chains

    def fdx(self, *args, now, check=None):
        return self.fd(*args, check=check, env={"FAIRDRAW_NOW": now, "FAIRDRAW_SEAL_KEY": "3c" * 32})

    def run_announcement(self, rng, plan, files, chain, times, reason=None):
        announced, not_before, drawn, later = times
        plan_path = self.tmp / f"plan-{announced[:10]}.json"
        plan_path.write_text(json.dumps(plan, ensure_ascii=False), encoding="utf-8")
        specs = ["witness:见证人:digits=4", "numbers:开奖号码:count=3:min=0:max=9"]
        # a beacon and a published text, sometimes (their own generator, so the cases stay as they were)
        more = random.Random(plan["title"] + announced)
        extra = []
        if more.random() < 0.4:
            specs.append("hex:信标:bytes=4")
            extra.append(("信标", more.choice(["DEADBEEF", " 0a1B2c3D ", "\u3000ffffffff"])))
        if more.random() < 0.4:
            specs.append("text:上证指数收盘")
            extra.append(("上证指数收盘", more.choice(["3051.12", " 3 051,12 点 ", "\u3000收盘 3051.12\u3000"])))
        if chain:
            specs.append(f"secret:操作员:sha256={h(bytes.fromhex(chain_link(chain, 0))).hex()}:chain={chain}")
        args = ["announce", plan_path, "--enterprises", "latest", "--inspectors", "latest",
                "--conflicts", "latest" if "conflicts" in files else "none", "--not-before", not_before]
        for s in specs:
            args += ["--source", s]
        if reason:
            args += ["--reason", reason]
        proc = self.fdx(*args, now=announced)
        if proc.returncode != 0:
            return None, proc.stderr
        raw = self.fdx("announcement", "latest", "--json", now=announced, check=0).stdout.encode("utf-8")
        # lottery numbers typed as people type them: any separators, stray ones at the ends, wide spaces
        numbers = rng.choice([" ", ",", ", ", ".", " ,. "]).join(str(rng.randint(0, 9)) for _ in range(3))
        numbers = rng.choice(["", " ", "\u3000", ","]) + numbers + rng.choice(["", " ", ".", ",", "\u3000"])
        typed = [f"{rng.randint(0, 9999):04d}", numbers]
        names = ["见证人", "开奖号码"] + [name for name, _ in extra] + ["操作员"]
        typed += [value for _, value in extra]
        if chain:
            typed.append(chain_link(chain, 0))
        vargs = []
        for n, t in zip(names, typed):
            vargs += ["--value", f"{n}={t}"]
        proc = self.fdx("draw", "latest", *vargs, "--json", now=drawn)
        if proc.returncode != 0:
            entry = log_entries(self.ws)[-1]
            self.assertEqual(entry["type"], "draw.impossible", proc.stderr)
            return Case(json.loads(raw), raw, typed, None, entry, []), None
        result_bytes = proc.stdout.rstrip("\n").encode("utf-8")
        subs = []
        for k in range(rng.randint(0, 4)):
            current = self.current_teams()
            if not current:
                break
            code = rng.choice(sorted(current))
            kind = rng.choice(["entity", "team", "all"])
            if kind == "entity":
                req = {"kind": "entity", "code": code, "inspector": None}
                args = ["--entity", code]
            else:
                insp = rng.choice(current[code])
                req = {"kind": "inspector", "code": code if kind == "team" else None, "inspector": insp}
                args = ["--inspector", insp] + (["--team", code] if kind == "team" else [])
            number = sum(1 for s in subs if s[1] is not None) + 1
            link = chain_link(chain, number) if chain and number <= chain - 1 else None
            req.update(reason=f"理由{k}", link=link)
            args += ["--reason", req["reason"]] + (["--link", link] if link else [])
            proc = self.fdx("substitute", "latest", *args, "--json", now=later)
            if proc.returncode == 0:
                subs.append((req, proc.stdout.rstrip("\n").encode("utf-8")))
            else:
                self.assertEqual(proc.returncode, 2, proc.stderr)
                subs.append((req, None))
            self.counts[proc.returncode == 0] += 1
        return Case(json.loads(raw), raw, typed, result_bytes, None, subs), None

    def current_teams(self):
        out = json.loads(self.fdx("result", "latest", "--json", now=LATER_2, check=0).stdout)
        return {code: ids for code, ids in out["teams"]}

    def replay(self, case, rows):
        """The independent replay; returns (result bytes or DrawImpossible, [record bytes or None])."""
        ann = case.announcement
        self.assertEqual(planmod.normalize(ann["plan"]), ann["plan"], "the normalized plan normalizes to itself")
        self.assertEqual(planmod.plan_sha256(ann["plan"]), ann["plan_sha256"])
        for kind, snap in ann["snapshots"].items():
            if snap is None:
                continue
            canon = snapshot.canonical_rows(kind, rows[kind])
            self.assertEqual(snapshot.root([c for _, c in canon]), snap["root"], f"{kind} root from the CSV file")
            self.assertEqual(snap["rows"], len(canon))
            fields = snapshot.sealed_fields(kind, ann["plan"]["confidential"])
            self.assertEqual(snap["sealed"], fields)
            key = bytes.fromhex("3c" * 32)
            pubs = [snapshot.public_row(key, kind, cjson.loads_strict(c), fields) for _, c in canon]
            self.assertEqual(snapshot.root(pubs), snap["public_root"], f"{kind} public root")
        sources = [srcmod.normalize_source(s) for s in ann["sources"]]
        self.assertEqual(sources, ann["sources"])
        values = [[s["name"], srcmod.canonical_value(s, t)] for s, t in zip(sources, case.typed)]
        aid = h(case.ann_bytes).hex()
        seed = srcmod.seed(aid, values)
        conflicts = rows["conflicts"] if ann["snapshots"]["conflicts"] is not None else None
        ctx = draw.Context(ann["plan"], rows["enterprises"], rows["inspectors"], conflicts, ann["history"], aid,
                           values, seed)
        try:
            result, state = draw.run(ctx)
        except draw.DrawImpossible as e:
            return e, []
        subs = Substitutions(ctx, result, state, sources)
        records = []
        for req, _ in case.subs:
            try:
                records.append(cjson.dumpb(subs.apply(req["kind"], req["code"], req["inspector"], req["reason"],
                                                      req["link"])))
            except Refused:
                records.append(None)
        self.final = subs.final_teams()
        return cjson.dumpb(result), records

    def check_case(self, n):
        rng = random.Random(n)
        ents, insps, conflicts = district(rng)
        self.tmp.joinpath("lists").mkdir()
        files = {"enterprises": (["统一社会信用代码", "企业名称", "登记状态", "所属地区", "信用风险分类", "上次检查日期"],
                                 ["code", "name", "status", "region", "credit_class", "last_inspected"], ents),
                 "inspectors": (["工号", "姓名", "执法证编号", "执法证有效期", "所在部门", "所属地区", "专业", "状态"],
                                ["id", "name", "certificate_no", "certificate_expiry", "department", "region",
                                 "specialty", "status"], insps)}
        if conflicts:
            files["conflicts"] = (["工号", "统一社会信用代码", "回避事由"], ["inspector", "entity", "reason"], conflicts)
        rows = {"conflicts": []}
        self.fd("init", self.ws, "--origin", "fairdraw.test/audit", check=0)
        for kind, (header, fields, data) in files.items():
            path = self.tmp / "lists" / f"{kind}.csv"
            with open(path, "w", encoding="utf-8", newline="") as f:
                w = csv.writer(f)
                w.writerow(header)
                for r in data:
                    w.writerow([r.get(k, "") for k in fields])
            self.fdx("import", kind, path, now=ANNOUNCED, check=0)
            rows[kind], _ = snapshot.read_table(kind, path.read_text(encoding="utf-8"), "csv")
        chain = rng.choice([0, 0, 2, 3])
        plan = random_plan(rng, f"案例 {n}")
        first, why = self.run_announcement(rng, plan, files, chain, (ANNOUNCED, NOT_BEFORE, DRAWN, LATER))
        if first is None:
            self.assert_plan_refusals_agree(n, plan, why)
            return "refused at announcement"
        self.compare(n, first, rows)
        if first.result_bytes is None or rng.random() < 0.4:
            return "drawn" if first.result_bytes else "impossible"
        second, why = self.run_announcement(rng, random_plan(rng, f"案例 {n}"), files, 0,
                                            (ANNOUNCED_2, NOT_BEFORE_2, DRAWN_2, LATER_2), reason="第二批")
        if second is None:
            return "drawn; second refused at announcement"
        hist = second.announcement["history"]
        self.assertEqual(hist[-1]["result"], h(first.result_bytes).hex())
        self.assertEqual(hist[-1]["teams"], self.first_final, "history freezes the final teams")
        self.compare(n, second, rows)
        return "drawn twice" if second.result_bytes else "drawn, then impossible"

    def assert_plan_refusals_agree(self, n, plan, stderr):
        """fairdraw refuses an invalid plan with 'plan: N problem(s)'; the audit normalizer must refuse it too."""
        try:
            planmod.normalize(plan)
            audit_refuses = False
        except planmod.PlanError:
            audit_refuses = True
        self.assertEqual(audit_refuses, "error: plan:" in stderr, f"case {n}: {stderr}")

    def compare(self, n, case, rows):
        got, records = self.replay(case, rows)
        if case.result_bytes is None:
            self.assertIsInstance(got, draw.DrawImpossible, f"case {n}: fairdraw found the draw impossible "
                                  f"({case.impossible['payload']['message']}), the audit replay did not")
            return
        self.assertNotIsInstance(got, draw.DrawImpossible, f"case {n}: only the audit replay found it impossible")
        self.assertEqual(got.decode("utf-8"), case.result_bytes.decode("utf-8"), f"case {n}: result documents differ")
        for how in ("completion", "raising"):
            self.chains[how] += got.count(f'"pick":"{how}"'.encode())
        for k, ((req, theirs), mine) in enumerate(zip(case.subs, records)):
            self.assertEqual(mine is None, theirs is None,
                             f"case {n}: substitution {k + 1} {req}: refused by {'audit' if mine is None else 'fairdraw'} only")
            if theirs is not None:
                self.assertEqual(mine.decode("utf-8"), theirs.decode("utf-8"), f"case {n}: substitution {k + 1} {req}")
        self.first_final = self.final
        self.assertEqual(self.final, [[c, ids] for c, ids in sorted(self.current_teams().items())])



class AuditDraws(DrawCases):
    def test_random_cases_replay_identically(self):
        outcomes = {}
        self.counts = [0, 0]
        for n in range(CASES):
            with self.subTest(case=n):
                ws = self.tmp / f"case-{n}"
                self.ws = ws / "ws"
                save = self.tmp
                self.tmp = ws
                ws.mkdir()
                try:
                    outcome = self.check_case(n)
                finally:
                    self.tmp = save
                key = outcome.split(":")[0]
                outcomes[key] = outcomes.get(key, 0) + 1
        print("outcomes:", json.dumps(outcomes, ensure_ascii=False), "substitutions applied:", self.counts[1],
              "refused:", self.counts[0], "seats by", json.dumps(self.chains), file=sys.stderr)
        drawn = sum(v for k, v in outcomes.items() if k.startswith("drawn"))
        self.assertGreaterEqual(drawn, CASES // 2, f"too few cases reached a draw: {outcomes}")
        if CASES >= 80:
            self.assertTrue(self.chains["completion"] and self.chains["raising"], f"no chain seats: {self.chains}")


if __name__ == "__main__":
    unittest.main()
