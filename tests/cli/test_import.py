"""fairdraw import and fairdraw lists, end to end."""
import hashlib
import json
import sqlite3
import unittest

from fdtest import BIN, DATA, SOURCE_DIR, WorkspaceTest, run, workspace_state

BAD_INPUT = DATA / "bad-input"
FIXTURES = DATA / "import"


def canonical(value) -> bytes:
    """docs/SPEC.md §2: canonical JSON, as Python writes it."""
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"), sort_keys=True).encode("utf-8")


def rfc6962_root(leaves):
    if not leaves:
        return hashlib.sha256(b"").digest()
    if len(leaves) == 1:
        return leaves[0]
    k = 1
    while k * 2 < len(leaves):
        k *= 2
    return hashlib.sha256(b"\x01" + rfc6962_root(leaves[:k]) + rfc6962_root(leaves[k:])).digest()


def log_entries(ws):
    con = sqlite3.connect(f"file:{ws / 'fairdraw.db'}?mode=ro", uri=True)
    try:
        return [json.loads(bytes(d)) for (d,) in con.execute("SELECT data FROM log_entry ORDER BY idx")]
    finally:
        con.close()


def stored_rows(ws):
    """The canonical rows of every snapshot, rebuilt here from the database.

    Rows are stored packed (include/fairdraw/row_packing.h): for each key of
    the snapshot's row_keys, the value, or for "extra" the pairs as
    name 0x1E value joined by 0x1D, each part ended by 0x1F; one row per line.
    """
    con = sqlite3.connect(f"file:{ws / 'fairdraw.db'}?mode=ro", uri=True)
    try:
        rows = []
        for snapshot_id, row_keys in con.execute("SELECT id, row_keys FROM snapshot ORDER BY id"):
            keys = json.loads(row_keys)
            for (data,) in con.execute("SELECT data FROM snapshot_block WHERE snapshot = ? ORDER BY seq",
                                       (snapshot_id,)):
                for packed in bytes(data).split(b"\n")[:-1]:
                    parts = packed.split(b"\x1f")
                    assert len(parts) == len(keys) + 1 and parts[-1] == b"", packed
                    row = {}
                    for key, part in zip(keys, parts):
                        if not part:
                            continue
                        if key == "extra":
                            row[key] = [[p.decode() for p in pair.split(b"\x1e")] for pair in part.split(b"\x1d")]
                        else:
                            row[key] = part.decode()
                    rows.append(canonical(row))
        return rows
    finally:
        con.close()


class BadInputCorpus(WorkspaceTest):
    """Every file in tests/data/bad-input is refused as its .expect says, changing nothing."""

    def test_every_bad_input_is_refused_with_its_message_and_changes_nothing(self):
        cases = sorted(p for p in BAD_INPUT.iterdir() if p.suffix != ".expect")
        expects = sorted(p.stem for p in BAD_INPUT.glob("*.expect"))
        self.assertEqual(sorted(p.stem for p in cases), expects, "each data file needs exactly one .expect")
        self.assertGreaterEqual(len(cases), 30)
        mismatches = []
        for case in cases:
            expect = json.loads((BAD_INPUT / (case.stem + ".expect")).read_text(encoding="utf-8"))
            before = workspace_state(self.ws)
            proc = run("--workspace", self.ws, "import", expect["kind"], case.name, *expect["args"], cwd=BAD_INPUT)
            problems = []
            if proc.returncode != expect["exit"]:
                problems.append(f"exit {proc.returncode}, expected {expect['exit']}")
            for fragment in expect["stderr"]:
                if fragment not in proc.stderr:
                    problems.append(f"stderr lacks {fragment!r}")
            if proc.stdout:
                problems.append(f"unexpected stdout {proc.stdout!r}")
            if workspace_state(self.ws) != before:
                problems.append("the workspace changed")
            if problems:
                mismatches.append(f"{case.name} ({expect['breaks']}):\n    " + "\n    ".join(problems) +
                                  "\n    --- stderr:\n    " + proc.stderr.replace("\n", "\n    "))
        self.assertFalse(mismatches, "\n" + "\n".join(mismatches))


class Equivalence(WorkspaceTest):
    VARIANTS = ["enterprises-shuffled-crlf.csv", "enterprises-gb18030.csv", "enterprises-bom-other-columns.csv",
                "enterprises.json"]

    def test_row_order_encoding_bom_line_ends_column_names_and_json_give_one_root(self):
        first = json.loads(self.fd("import", "enterprises", FIXTURES / "enterprises.csv", "--json", check=0).stdout)
        self.assertFalse(first["already_imported"])
        root = first["snapshot"]["root"]
        self.assertEqual(first["snapshot"]["rows"], 40)
        self.assertEqual(first["legacy_codes"], 4)
        self.assertEqual(first["extra_columns"], ["备注"])
        entries = len(log_entries(self.ws))
        for variant in self.VARIANTS:
            with self.subTest(variant=variant):
                before = workspace_state(self.ws)
                out = json.loads(self.fd("import", "enterprises", FIXTURES / variant, "--json", check=0).stdout)
                self.assertTrue(out["already_imported"], variant)
                self.assertEqual(out["snapshot"]["root"], root)
                self.assertEqual(workspace_state(self.ws), before)
        self.assertEqual(len(log_entries(self.ws)), entries)

    def test_the_encoding_found_is_recorded(self):
        out = json.loads(self.fd("import", "enterprises", FIXTURES / "enterprises-gb18030.csv", "--json", check=0).stdout)
        self.assertEqual(out["snapshot"]["source"]["encoding"], "gb18030")
        data = (FIXTURES / "enterprises-gb18030.csv").read_bytes()
        self.assertEqual(out["snapshot"]["source"]["sha256"], hashlib.sha256(data).hexdigest())
        self.assertEqual(out["snapshot"]["source"]["bytes"], len(data))

    def test_a_file_that_stops_being_utf8_after_utf8_text_is_read_again_as_gb18030(self):
        # C3 A9 is "é" in UTF-8 and 茅 in GB18030 (Python's codecs); B4 E6 D0 F8 is 存续 in GBK only.
        path = self.tmp / "mixed.csv"
        path.write_bytes(b"code,name,status\n91350100M000100Y43,\xc3\xa9,\xb4\xe6\xd0\xf8\n")
        out = json.loads(self.fd("import", "enterprises", path, "--json", check=0).stdout)
        self.assertEqual(out["snapshot"]["source"]["encoding"], "gb18030")
        self.assertEqual([json.loads(r) for r in stored_rows(self.ws)],
                         [{"code": "91350100M000100Y43", "name": "茅", "status": "存续"}])

    def test_importing_twice_says_so_and_writes_no_log_entry(self):
        self.fd("import", "enterprises", FIXTURES / "enterprises.csv", check=0)
        before = workspace_state(self.ws)
        proc = self.fd("import", "enterprises", FIXTURES / "enterprises.csv", check=0)
        self.assertIn("already imported as enterprises snapshot", proc.stdout)
        self.assertIn("nothing changed", proc.stdout)
        self.assertEqual(workspace_state(self.ws), before)


class Contents(WorkspaceTest):
    def test_hostile_names_are_stored_byte_for_byte(self):
        out = json.loads(self.fd("import", "enterprises", FIXTURES / "hostile-names.json", "--json", check=0).stdout)
        source = json.loads((FIXTURES / "hostile-names.json").read_text(encoding="utf-8"))
        # The root computed here from the input values alone (SPEC §3) equals fairdraw's.
        rows = sorted(source, key=lambda r: r["code"].encode())
        leaves = [hashlib.sha256(b"\x00" + canonical(r)).digest() for r in rows]
        self.assertEqual(out["snapshot"]["root"], rfc6962_root(leaves).hex())
        stored = stored_rows(self.ws)
        self.assertEqual([json.loads(r)["name"] for r in stored], [r["name"] for r in rows])
        self.assertEqual(rfc6962_root([hashlib.sha256(b"\x00" + r).digest() for r in stored]).hex(),
                         out["snapshot"]["root"])
        again = self.fd("import", "enterprises", FIXTURES / "hostile-names.csv", "--json", check=0)
        self.assertTrue(json.loads(again.stdout)["already_imported"])

    def test_vector_inputs_import_to_the_vector_roots(self):
        for vector_file in sorted((SOURCE_DIR / "docs" / "vectors").glob("snapshot-*.json")):
            with self.subTest(vector=vector_file.name):
                vector = json.loads(vector_file.read_text(encoding="utf-8"))
                path = self.tmp / (vector_file.stem + "." + vector["input"]["format"])
                path.write_bytes(vector["input"]["text"].encode("utf-8"))
                out = json.loads(self.fd("import", vector["kind"], path, "--json", check=0).stdout)
                self.assertEqual(out["snapshot"]["root"], vector["root"])

    def test_the_log_entry_records_source_mapping_drops_extras_and_acceptances(self):
        csv = self.tmp / "e.csv"
        csv.write_text("统一社会信用代码,名号,登记状态,手机号,备注\n"
                       "91350100M000100Y43,甲,存续,13800000000,x\n"
                       "91350100M000100Y4Z,乙,存续,,\n"
                       "320102000012345,丙,吊销,,\n", encoding="utf-8")
        self.fd("import", "enterprises", csv, "--map", "名号=name", "--drop", "手机号",
                "--accept", "91350100M000100Y4Z=matches the paper licence (checked 2026-11-02)", check=0)
        entry = log_entries(self.ws)[-1]
        self.assertEqual(entry["type"], "snapshot.import")
        p = entry["payload"]
        self.assertEqual(p["kind"], "enterprises")
        self.assertEqual(p["rows"], 3)
        self.assertEqual(p["source"]["file"], str(csv))
        self.assertEqual(p["source"]["sha256"], hashlib.sha256(csv.read_bytes()).hexdigest())
        self.assertIn({"column": "名号", "field": "name", "by": "--map"}, p["columns"])
        self.assertEqual(p["dropped_columns"], ["手机号"])
        self.assertEqual(p["extra_columns"], ["备注"])
        self.assertEqual(p["accepted_codes"],
                         [{"code": "91350100M000100Y4Z", "reason": "matches the paper licence (checked 2026-11-02)"}])
        self.assertEqual(p["legacy_codes"], 1)
        self.assertEqual(p["format"], 1)
        self.assertNotIn("13800000000", json.dumps(entry, ensure_ascii=False))
        self.assertFalse(any(b"13800000000" in r for r in stored_rows(self.ws)))
        listing = self.fd("lists", check=0).stdout
        self.assertIn("accepted code 91350100M000100Y4Z: matches the paper licence", listing)


class Lists(WorkspaceTest):
    def test_lists_shows_kind_rows_root_source_and_time(self):
        self.assertIn("no snapshots yet", self.fd("lists", check=0).stdout)
        out = json.loads(self.fd("import", "enterprises", FIXTURES / "enterprises.csv", "--json", check=0).stdout)
        text = self.fd("lists", check=0).stdout
        for fragment in ["enterprises", "40 rows", out["snapshot"]["root"], str(FIXTURES / "enterprises.csv"),
                         "2026-11-20T02:00:00Z"]:
            self.assertIn(fragment, text)
        listed = json.loads(self.fd("lists", "--json", check=0).stdout)["snapshots"]
        self.assertEqual(len(listed), 1)
        self.assertEqual(listed[0], out["snapshot"])
        for key in ["id", "kind", "root", "rows", "source", "created", "log_index", "format", "import"]:
            self.assertIn(key, listed[0])


class Interface(WorkspaceTest):
    def test_every_command_has_help_with_an_example(self):
        for command in ["import", "lists"]:
            proc = run(command, "--help", check=0)
            self.assertIn("Example", proc.stdout)
            self.assertIn(f"fairdraw {command}", proc.stdout)

    def test_options_may_come_before_or_after_the_file(self):
        csv = self.tmp / "e.csv"
        csv.write_text("统一社会信用代码,名号,登记状态,手机号\n91350100M000100Y43,甲,存续,13800000000\n", encoding="utf-8")
        first = self.fd("import", "enterprises", "--drop", "手机号", "--map", "名号=name", csv, "--json", check=0)
        self.assertFalse(json.loads(first.stdout)["already_imported"])
        second = self.fd("import", "--map", "名号=name", "enterprises", csv, "--drop", "手机号", "--json", check=0)
        self.assertTrue(json.loads(second.stdout)["already_imported"])

    def test_an_unknown_kind_is_a_usage_error(self):
        self.assertFails(["import", "companies", FIXTURES / "enterprises.csv"], 2, "companies")

    def test_a_missing_file_is_bad_input(self):
        self.assertFails(["import", "enterprises", self.tmp / "nope.csv"], 2, "cannot open", "nope.csv")

    def test_progress_is_shown_and_erased_when_stderr_is_a_terminal(self):
        import os
        import pty
        import subprocess
        master, slave = pty.openpty()
        env = dict(os.environ, FAIRDRAW_NOW="2026-11-20T02:00:00Z", FAIRDRAW_ACTOR="tester")
        proc = subprocess.run([BIN, "--workspace", str(self.ws), "import", "enterprises", str(FIXTURES / "enterprises.csv")],
                              stdout=subprocess.PIPE, stderr=slave, env=env, timeout=60)
        os.close(slave)
        shown = b""
        try:
            while chunk := os.read(master, 4096):
                shown += chunk
        except OSError:
            pass  # the terminal is closed
        os.close(master)
        self.assertEqual(proc.returncode, 0)
        text = shown.decode("utf-8", "replace")
        self.assertIn("reading:", text)
        self.assertIn("rows/s", text)
        self.assertTrue(text.endswith("\r\x1b[K"), repr(text[-40:]))

    def test_no_progress_output_when_stderr_is_not_a_terminal(self):
        proc = self.fd("import", "enterprises", FIXTURES / "enterprises.csv", check=0)
        self.assertEqual(proc.stderr, "")


if __name__ == "__main__":
    unittest.main()
