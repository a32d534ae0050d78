"""The tamper matrix: each file in tests/data/log-tamper/ is one kind of change made outside
fairdraw (to the database, the workspace files or an export). The command it names must exit
with the given code and name the problem; one test runs every case and lists every mismatch.

Cases start from copies of fixtures built once:
  main   init + "remark 1".."remark 6": 7 entries, a signed checkpoint at each size 1..7
  snap4  main as it was at 4 entries (a backup)
  fork   snap4, then "fork 4".."fork 6" appended: 7 entries signed with main's key
  other  another workspace with the same origin and remarks, and its own key
  saved  cp5 and cp7 (main's checkpoints at sizes 5 and 7), other7 (other's at size 7)
"""
import json
import shutil
import sqlite3
import subprocess
import tempfile
import unittest
from pathlib import Path

import tlog_check as t
from fdtest import DATA, run, workspace_state

ORIGIN = "fairdraw.test/log"
CASES = sorted((DATA / "log-tamper").glob("*.json"))


def annotate(ws, *texts):
    for text in texts:
        run("--workspace", ws, "log", "annotate", text, check=0)


def sql(db, statement):
    con = sqlite3.connect(db)
    try:
        for (name,) in con.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'").fetchall():
            con.execute(f"DROP TRIGGER {name}")  # what anyone with the sqlite3 shell can do
        con.execute(statement)
        con.commit()
    finally:
        con.close()


def rehash_entry(db, idx):
    con = sqlite3.connect(db)
    try:
        con.execute("DROP TRIGGER IF EXISTS log_entry_no_update")
        data = con.execute("SELECT data FROM log_entry WHERE idx = ?", (idx,)).fetchone()[0]
        con.execute("UPDATE log_entry SET leaf_hash = ? WHERE idx = ?", (t.leaf_hash(bytes(data)), idx))
        con.commit()
    finally:
        con.close()


def swap_entries(db, a, b):
    con = sqlite3.connect(db)
    try:
        con.execute("DROP TRIGGER IF EXISTS log_entry_no_update")
        ra = con.execute("SELECT data, leaf_hash FROM log_entry WHERE idx = ?", (a,)).fetchone()
        rb = con.execute("SELECT data, leaf_hash FROM log_entry WHERE idx = ?", (b,)).fetchone()
        con.execute("UPDATE log_entry SET data = ?, leaf_hash = ? WHERE idx = ?", (*rb, a))
        con.execute("UPDATE log_entry SET data = ?, leaf_hash = ? WHERE idx = ?", (*ra, b))
        con.commit()
    finally:
        con.close()


def corrupt_signature(note):
    """Changes one base64 character inside the signature, keeping the key ID."""
    lines = note.split("\n")
    sig = lines[-2]
    pos = len(sig) - 10
    lines[-2] = sig[:pos] + ("A" if sig[pos] != "A" else "B") + sig[pos + 1:]
    return "\n".join(lines)


def signing_seed(key_file):
    der = subprocess.run(["openssl", "pkey", "-in", key_file, "-outform", "DER"], check=True,
                         capture_output=True).stdout
    return der[-32:]  # RFC 8410: the PKCS#8 private key ends with the 32-byte seed


class TamperMatrix(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls._tmp = tempfile.TemporaryDirectory(prefix="fairdraw-tamper-")
        base = Path(cls._tmp.name)
        cls.fixtures = {name: base / name for name in ("main", "snap4", "fork", "other", "saved")}
        main, saved = cls.fixtures["main"], cls.fixtures["saved"]
        saved.mkdir()
        run("init", main, "--origin", ORIGIN, check=0)
        annotate(main, "remark 1", "remark 2", "remark 3")
        shutil.copytree(main, cls.fixtures["snap4"])
        annotate(main, "remark 4")
        (saved / "cp5").write_text((main / "checkpoint").read_text())
        annotate(main, "remark 5", "remark 6")
        (saved / "cp7").write_text((main / "checkpoint").read_text())
        shutil.copytree(cls.fixtures["snap4"], cls.fixtures["fork"])
        annotate(cls.fixtures["fork"], "fork 4", "fork 5", "fork 6")
        run("init", cls.fixtures["other"], "--origin", ORIGIN, check=0)
        annotate(cls.fixtures["other"], *[f"remark {i}" for i in range(1, 7)])
        (saved / "other7").write_text((cls.fixtures["other"] / "checkpoint").read_text())
        con = sqlite3.connect(cls.fixtures["other"] / "fairdraw.db")
        cls.other_notes = dict(con.execute("SELECT size, note FROM log_checkpoint").fetchall())
        con.close()

    @classmethod
    def tearDownClass(cls):
        cls._tmp.cleanup()

    def apply(self, action, roots):
        def path(spec):
            root, _, rest = spec.partition("/")
            return roots[root] / rest

        (kind, arg), = action.items()
        db = roots["ws"] / "fairdraw.db"
        if kind == "sql":
            sql(db, arg)
        elif kind == "rehash_entry":
            rehash_entry(db, arg)
        elif kind == "swap_entries":
            swap_entries(db, *arg)
        elif kind == "corrupt_checkpoint_signature":
            con = sqlite3.connect(db)
            note = con.execute("SELECT note FROM log_checkpoint WHERE size = ?", (arg,)).fetchone()[0]
            con.close()
            sql(db, "UPDATE log_checkpoint SET note = '%s' WHERE size = %d" % (corrupt_signature(note), arg))
        elif kind == "checkpoint_note_from":
            note = self.other_notes[arg[1]]
            sql(db, "UPDATE log_checkpoint SET note = '%s' WHERE size = %d" % (note, arg[1]))
        elif kind == "copy":
            shutil.copy2(path(arg[0]), path(arg[1]))
        elif kind == "restore_database_from":
            for suffix in ("", "-wal", "-shm"):
                (roots["ws"] / ("fairdraw.db" + suffix)).unlink(missing_ok=True)
                source = self.fixtures[arg] / ("fairdraw.db" + suffix)
                if source.exists() and suffix != "-shm":
                    shutil.copy2(source, roots["ws"] / ("fairdraw.db" + suffix))
        elif kind == "export":
            run("--workspace", roots["ws"] if arg == "ws" else self.fixtures[arg], "log", "export", roots["export"],
                check=0)
        elif kind == "drop_last_lines":
            lines = path(arg[0]).read_text().splitlines(keepends=True)
            path(arg[0]).write_text("".join(lines[:-arg[1]]))
        elif kind == "cut_bytes":
            data = path(arg[0]).read_bytes()
            path(arg[0]).write_bytes(data[:-arg[1]])
        elif kind == "replace_text":
            text = path(arg[0]).read_text()
            self.assertIn(arg[1], text)
            path(arg[0]).write_text(text.replace(arg[1], arg[2], 1))
        elif kind == "swap_lines":
            lines = path(arg[0]).read_text().splitlines(keepends=True)
            lines[arg[1]], lines[arg[2]] = lines[arg[2]], lines[arg[1]]
            path(arg[0]).write_text("".join(lines))
        elif kind == "repeat_last_line":
            lines = path(arg).read_text().splitlines(keepends=True)
            path(arg).write_text("".join(lines + lines[-1:]))
        elif kind == "corrupt_file_signature":
            path(arg).write_text(corrupt_signature(path(arg).read_text()))
        elif kind == "write":
            path(arg[0]).write_text(arg[1])
        elif kind == "delete":
            path(arg).unlink()
        elif kind == "resign_export_checkpoint":
            cp = roots["export"] / "checkpoint"
            origin, size, root = t.parse_checkpoint(cp.read_text()[:cp.read_text().rindex("\n\n") + 1])
            text = f"{arg.get('origin', origin)}\n{size}\n{t.base64.b64encode(root).decode()}\n"
            if "append_line" in arg:
                text += arg["append_line"] + "\n"
            cp.write_text(t.sign_note(text, ORIGIN, signing_seed(roots["ws"] / "signing.key")))
        else:
            self.fail(f"unknown action {kind}")

    def run_case(self, case_file, base):
        case = json.loads(case_file.read_text())
        roots = {"ws": base / "ws", "export": base / "export", **self.fixtures}
        shutil.copytree(self.fixtures["main"], roots["ws"])
        for action in case["setup"]:
            self.apply(action, roots)
        other_vkey = (self.fixtures["other"] / "verifier.key").read_text().strip()
        args = [a.replace("{export}", str(roots["export"])).replace("{saved}", str(self.fixtures["saved"]))
                 .replace("{other_vkey}", other_vkey) for a in case["command"]]
        before = workspace_state(roots["ws"])
        proc = run("--workspace", roots["ws"], *args)
        problems = []
        if proc.returncode != case["exit"]:
            problems.append(f"exit {proc.returncode}, expected {case['exit']}")
        for fragment in case["stderr"]:
            if fragment not in proc.stderr:
                problems.append(f"stderr lacks {fragment!r}")
        if case.get("workspace_unchanged") and workspace_state(roots["ws"]) != before:
            problems.append("the workspace changed")
        if problems:
            return f"{case_file.name} ({case['breaks']}): " + "; ".join(problems) + f"\n    stderr: {proc.stderr!r}"
        return None

    def test_every_kind_of_tampering_is_found_and_named(self):
        self.assertGreaterEqual(len(CASES), 30)
        mismatches = []
        for case_file in CASES:
            with tempfile.TemporaryDirectory(prefix="case-") as base:
                mismatch = self.run_case(case_file, Path(base))
                if mismatch:
                    mismatches.append(mismatch)
        self.assertEqual(mismatches, [], "\n" + "\n".join(mismatches))

    def test_the_untouched_fixture_verifies(self):
        # The baseline for every case: without the change, the same commands succeed.
        run("--workspace", self.fixtures["main"], "log", "verify", check=0)
        with tempfile.TemporaryDirectory() as base:
            run("--workspace", self.fixtures["main"], "log", "export", Path(base) / "export", check=0)
            run("log", "verify-export", Path(base) / "export", "--since", self.fixtures["saved"] / "cp5", check=0)


if __name__ == "__main__":
    unittest.main()
