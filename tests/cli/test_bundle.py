"""fairdraw publish, verify and check (docs/SPEC.md §12) on real workspaces.

Hostile directory text (markup, spreadsheet formulas) drawn at 100% must be
shown as text in the notice and neutralised in the CSV; publishing refuses a
non-empty folder and records one draw.publish entry; verify needs no
workspace and honours --key and --since; check answers for one entity with
an inclusion proof that this test re-verifies with hashlib (RFC 9162).
"""
import base64
import csv
import hashlib
import io
import json
import re
import shutil
from pathlib import Path

from fdtest import LISTS, WorkspaceTest, run
from protocol import DRAW_AT, NOT_BEFORE, h, log_entries, sources, value_args, values

SAMPLE = LISTS / "sample"
VECTORS = Path(__file__).resolve().parents[2] / "docs" / "vectors" / "bundle-small"

HOSTILE = [
    "<script>alert('x')</script>有限公司",
    '=HYPERLINK("http://example.invalid/","点击")',
    "+86 贸易商行",
    "-1 科技有限公司",
    "@SUM(A1:A9) 工作室",
    "A&B \"引号\" 公司",
]

PLAN_ALL = {
    "format": "fairdraw-plan-v1",
    "title": "<b>全部抽取</b> test",
    "department": "劳动保障监察大队一中队",
    "items": [{"id": "T-1", "name": "检查", "legal_basis": "《劳动保障监察条例》第十一条", "category": "一般"}],
    "window": {"start": "2026-12-01", "end": "2026-12-31"},
    "strata": {"groups": [{"name": "全部", "ratio": "100%"}]},
    "team": {"size": 2},
}


def rfc9162_root_from_path(leaf: bytes, index: int, size: int, path):
    """RFC 9162 §2.1.3.2."""
    fn, sn, r = index, size - 1, leaf
    for p in path:
        if sn == 0:
            raise AssertionError("path too long")
        if fn & 1 or fn == sn:
            r = h(b"\x01" + p + r)
            if not fn & 1:
                while fn & 1 == 0 and fn != 0:
                    fn >>= 1
                    sn >>= 1
        else:
            r = h(b"\x01" + r + p)
        fn >>= 1
        sn >>= 1
    if sn != 0:
        raise AssertionError("path too short")
    return r


class HostileNamesTest(WorkspaceTest):
    def setUp(self):
        super().setUp()
        rows = (SAMPLE / "enterprises.csv").read_text(encoding="utf-8").splitlines()
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\r\n")
        reader = csv.reader(rows)
        header = next(reader)
        writer.writerow(header)
        for name, row in zip(HOSTILE, reader):
            row[1] = name
            row[8] = "存续"
            row[10] = ""
            writer.writerow(row)
        (self.tmp / "hostile.csv").write_text(out.getvalue(), encoding="utf-8")
        (self.tmp / "plan.json").write_text(json.dumps(PLAN_ALL, ensure_ascii=False), encoding="utf-8")
        self.fd("import", "enterprises", self.tmp / "hostile.csv", check=0)
        self.fd("import", "inspectors", SAMPLE / "inspectors.csv", check=0)
        args = ["announce", self.tmp / "plan.json", "--enterprises", "latest", "--inspectors", "latest",
                "--conflicts", "none", "--not-before", NOT_BEFORE]
        for s in sources():
            args += ["--source", s]
        self.fd(*args, check=0)
        self.fd("draw", "latest", *value_args(values()), check=0, env={"FAIRDRAW_NOW": DRAW_AT})
        self.bundle = self.tmp / "bundle"
        self.fd("publish", "latest", "--out", self.bundle, check=0)

    def test_markup_is_escaped_and_formulas_neutralised(self):
        html = (self.bundle / "notice.html").read_text(encoding="utf-8")
        self.assertNotIn("<script>", html)
        self.assertIn("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;有限公司", html)
        self.assertNotIn("<b>全部抽取</b>", html)
        self.assertIn("&lt;b&gt;全部抽取&lt;/b&gt;", html)
        self.assertIn("A&amp;B &quot;引号&quot; 公司", html)
        for marker in ("src=", "href=", "@import", "url(", "<link", "<script"):
            self.assertNotIn(marker, html.lower(), "the notice must not load anything")
        self.assertIn("@page", html)
        self.assertIn("size: A4", html)
        self.assertEqual(html.count("<svg"), 2)

        raw = (self.bundle / "drawn.csv").read_bytes()
        self.assertTrue(raw.startswith(b"\xef\xbb\xbf"))
        body = raw[3:].decode("utf-8")
        self.assertNotIn("\n", body.replace("\r\n", ""), "every line ends with CRLF")
        rows = list(csv.reader(io.StringIO(body, newline="")))
        names = {r[2] for r in rows[1:]}
        self.assertEqual(len(rows) - 1, len(HOSTILE))
        self.assertIn("'" + HOSTILE[1], names)
        self.assertIn("'+86 贸易商行", names)
        self.assertIn("'-1 科技有限公司", names)
        self.assertIn("'@SUM(A1:A9) 工作室", names)
        self.assertIn(HOSTILE[0], names)  # not a formula: kept as written
        self.assertIn(HOSTILE[5], names)

        drawn = json.loads((self.bundle / "drawn.json").read_bytes())
        self.assertEqual(sorted(e["name"] for e in drawn["entities"]), sorted(HOSTILE))
        self.assertEqual(run("verify", self.bundle).returncode, 0)


class PublishVerifyTest(WorkspaceTest):
    def setUp(self):
        super().setUp()
        for kind in ("enterprises", "inspectors", "conflicts"):
            self.fd("import", kind, SAMPLE / f"{kind}.csv", check=0)
        self.saved = (self.ws / "checkpoint").read_bytes()  # an auditor's copy before the announcement
        args = ["announce", SAMPLE / "plan.json", "--enterprises", "latest", "--inspectors", "latest",
                "--conflicts", "latest", "--not-before", NOT_BEFORE]
        for s in sources():
            args += ["--source", s]
        self.fd(*args, check=0)
        self.fd("draw", "latest", *value_args(values()), check=0, env={"FAIRDRAW_NOW": DRAW_AT})
        self.bundle = self.tmp / "bundle"

    def test_publish_records_one_entry_and_refuses_a_non_empty_folder(self):
        before = len(log_entries(self.ws))
        self.fd("publish", "latest", "--out", self.bundle, check=0, env={"FAIRDRAW_NOW": DRAW_AT})
        entries = log_entries(self.ws)
        self.assertEqual(len(entries), before + 1)
        publish = entries[-1]
        self.assertEqual(publish["type"], "draw.publish")
        self.assertEqual(publish["payload"]["bundle"], "public")
        self.assertEqual(publish["payload"]["manifest"], h((self.bundle / "manifest.json").read_bytes()).hex())
        manifest = json.loads((self.bundle / "manifest.json").read_bytes())
        self.assertEqual(publish["payload"]["result"], manifest["result"])
        self.assertEqual(manifest["result"], h((self.bundle / "result.json").read_bytes()).hex())
        self.assertEqual([p.name for p in self.tmp.iterdir() if "staging" in p.name], [])

        # The same bundle again: nothing written. Another folder with content: refused, unchanged.
        proc = self.fd("publish", "latest", "--out", self.bundle, check=0, env={"FAIRDRAW_NOW": DRAW_AT})
        self.assertIn("already holds", proc.stdout)
        self.assertEqual(len(log_entries(self.ws)), before + 1)
        other = self.tmp / "other"
        other.mkdir()
        (other / "note.txt").write_text("mine")
        self.assertFails(["publish", "latest", "--out", other], 2, "is not empty")
        self.assertFails(["publish", "latest", "--full", "--out", self.bundle], 2, "no full bundle")

    def test_verify_needs_no_workspace_and_checks_key_and_since(self):
        self.fd("publish", "latest", "--out", self.bundle, check=0, env={"FAIRDRAW_NOW": DRAW_AT})
        moved = self.tmp / "elsewhere" / "b"
        shutil.copytree(self.bundle, moved)
        shutil.rmtree(self.ws)
        proc = run("verify", moved, "--key", self.tmp / "bundle" / "log" / "verifier.key", check=0)
        self.assertIn("given with --key", proc.stdout)
        self.assertIn("not checkable from the public bundle", proc.stdout)
        (self.tmp / "saved").write_bytes(self.saved)
        proc = run("verify", moved, "--since", self.tmp / "saved", check=0)
        self.assertIn("extends the checkpoint of size", proc.stdout)
        checks = json.loads(run("verify", moved, "--json", check=0).stdout)
        self.assertTrue(checks["ok"])
        self.assertFalse(checks["complete_replay"])

        other = self.tmp / "other-ws"
        run("init", other, "--origin", "fairdraw.test/log", check=0)
        proc = run("verify", moved, "--key", other / "verifier.key", check=1)
        self.assertIn("(--key)", proc.stdout)
        proc = run("verify", moved, "--since", other / "checkpoint", check=1)
        self.assertIn("FAILED  since", proc.stdout)
        run("verify", self.tmp / "missing", check=2)
        run("verify", moved, "--key", "not a key", check=2)

    def test_full_bundle_replays_completely_and_only_it_has_confidential_values(self):
        full = self.tmp / "full"
        self.fd("publish", "latest", "--out", self.bundle, check=0, env={"FAIRDRAW_NOW": DRAW_AT})
        self.fd("publish", "latest", "--full", "--out", full, check=0, env={"FAIRDRAW_NOW": DRAW_AT})
        checks = json.loads(run("verify", full, "--json", check=0).stdout)
        self.assertTrue(checks["complete_replay"])
        self.assertNotIn("not_checkable", [c["outcome"] for c in checks["checks"]])
        public_rows = (self.bundle / "enterprises.jsonl").read_text(encoding="utf-8").splitlines()
        self.assertFalse(any(re.search(r'"credit_class":"[A-D]"', line) for line in public_rows))
        self.assertTrue(all('"sealed":{"credit_class":"' in line for line in public_rows))
        full_rows = (full / "enterprises.jsonl").read_text(encoding="utf-8")
        self.assertRegex(full_rows, r'"credit_class":"[A-D]"')
        conflicts = [json.loads(l) for l in (self.bundle / "conflicts.jsonl").read_text(encoding="utf-8").splitlines()]
        self.assertTrue(conflicts)
        self.assertTrue(all("reason" not in c and "reason" in c["sealed"] for c in conflicts))
        # Only the drawn entities' classes are opened: one line per drawn entity.
        result = json.loads((self.bundle / "result.json").read_bytes())
        openings = (self.bundle / "openings.jsonl").read_text(encoding="utf-8").splitlines()
        self.assertEqual([json.loads(l)["code"] for l in openings], [e["code"] for e in result["selected"]])


class CheckEntityTest(WorkspaceTest):
    init_workspace = False

    def test_a_drawn_entity_with_its_proof_and_team(self):
        result = json.loads((VECTORS / "public" / "result.json").read_bytes())
        announcement = json.loads((VECTORS / "public" / "announcement.json").read_bytes())
        code = result["selected"][5]["code"]
        out = json.loads(run("check", VECTORS / "public", "--entity", code, "--json", check=0).stdout)
        self.assertTrue(out["in_snapshot"])
        self.assertTrue(out["drawn"])
        self.assertEqual(out["ticket"], result["selected"][5]["ticket"])
        self.assertEqual(out["stratum"], result["strata"][result["selected"][5]["stratum"]]["name"])
        self.assertEqual(len(out["team"]), 2)
        self.assertTrue(all(m["name"] and m["certificate_no"] for m in out["team"]))
        # Re-verify the inclusion proof independently.
        lines = (VECTORS / "public" / "enterprises.jsonl").read_bytes().split(b"\n")[:-1]
        leaf = h(b"\x00" + lines[out["position"]])
        root = rfc9162_root_from_path(leaf, out["position"], len(lines), [bytes.fromhex(p) for p in out["inclusion_path"]])
        self.assertEqual(root.hex(), announcement["snapshots"]["enterprises"]["public_root"])
        self.assertEqual(out["public_root"], root.hex())

    def test_an_entity_not_drawn_and_one_not_in_the_snapshot(self):
        result = json.loads((VECTORS / "full" / "result.json").read_bytes())
        drawn = {e["code"] for e in result["selected"]}
        rows = [json.loads(l) for l in (VECTORS / "full" / "enterprises.jsonl").read_text(encoding="utf-8").splitlines()]
        undrawn = next(r for r in rows if r["code"] not in drawn and r.get("status") == "存续")
        out = json.loads(run("check", VECTORS / "full", "--entity", undrawn["code"], "--json", check=0).stdout)
        self.assertTrue(out["in_snapshot"])
        self.assertFalse(out["drawn"])
        self.assertEqual(out["team"], [])
        self.assertIsNotNone(out["stratum"])  # a full bundle knows every row's stratum
        public = json.loads(run("check", VECTORS / "public", "--entity", undrawn["code"], "--json", check=0).stdout)
        self.assertIsNone(public["stratum"])  # sealed, and not opened for an undrawn entity
        missing = json.loads(run("check", VECTORS / "full", "--entity", "913301000000000000", "--json", check=0).stdout)
        self.assertFalse(missing["in_snapshot"])


if __name__ == "__main__":
    import unittest
    unittest.main()
