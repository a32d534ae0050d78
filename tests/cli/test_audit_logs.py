"""Log exports checked by both verifiers: `fairdraw log verify-export` and audit/fairdraw-audit log-export.

A workspace goes through init, imports, an announcement, a draw and a
substitution; its export must pass both, and each tampered copy of it must
fail both (SPEC §4.8).
"""
import shutil
import subprocess
import sys
import unittest

from fdtest import SOURCE_DIR, run
from protocol import ProtocolTest, link

AUDIT = SOURCE_DIR / "audit" / "fairdraw-audit"


def audit(*args):
    return subprocess.run([sys.executable, str(AUDIT), *map(str, args)], capture_output=True, text=True, timeout=600)


def edit_line(path, n, old, new):
    lines = path.read_bytes().split(b"\n")
    assert old in lines[n], (old, lines[n])
    lines[n] = lines[n].replace(old, new, 1)
    path.write_bytes(b"\n".join(lines))


class LogExports(ProtocolTest):
    def setUp(self):
        super().setUp()
        self.early = self.tmp / "early-checkpoint"
        self.early.write_text(self.fd("log", "checkpoint", check=0).stdout, encoding="utf-8")
        self.announce()
        result, _ = self.draw_json()
        first = result["selected"][0]
        self.fd("substitute", "latest", "--inspector", first["team"][0]["inspector"], "--team", first["code"],
                "--reason", "回避", "--link", link(1), check=0, env={"FAIRDRAW_NOW": "2026-12-02T01:00:00Z"})
        self.export = self.tmp / "export"
        self.fd("log", "export", self.export, check=0)
        self.key = (self.ws / "verifier.key").read_text(encoding="utf-8").strip()

    def both(self, folder, *extra):
        theirs = run("log", "verify-export", folder, *extra)
        mine = audit("log-export", folder, *extra)
        return theirs, mine

    def test_the_export_passes_both_verifiers(self):
        theirs, mine = self.both(self.export, "--key", self.key, "--since", self.early)
        self.assertEqual(theirs.returncode, 0, theirs.stderr)
        self.assertEqual(mine.returncode, 0, mine.stdout + mine.stderr)
        self.assertIn("since: the export extends the saved checkpoint", mine.stdout)

    def test_each_tampered_copy_fails_both_verifiers(self):
        other = self.tmp / "other"
        run("init", other, "--origin", "fairdraw.test/other", check=0)
        other_key = (other / "verifier.key").read_text(encoding="utf-8").strip()
        other_cp = self.tmp / "other-checkpoint"
        other_cp.write_text(run("--workspace", other, "log", "checkpoint", check=0).stdout, encoding="utf-8")

        def actor(d):
            edit_line(d / "entries.jsonl", 2, b'"actor":"', b'"actor":"x')

        def drop_last(d):
            data = (d / "entries.jsonl").read_bytes()
            (d / "entries.jsonl").write_bytes(data[: data.rstrip(b"\n").rfind(b"\n") + 1])

        def swap(d):
            lines = (d / "entries.jsonl").read_bytes().split(b"\n")
            lines[1], lines[2] = lines[2], lines[1]
            (d / "entries.jsonl").write_bytes(b"\n".join(lines))

        def not_canonical(d):
            edit_line(d / "entries.jsonl", 1, b'{"actor":', b'{ "actor":')

        def other_checkpoint(d):
            shutil.copy(other / "checkpoint", d / "checkpoint")

        def other_verifier_key(d):
            shutil.copy(other / "verifier.key", d / "verifier.key")

        def no_newline(d):
            (d / "entries.jsonl").write_bytes((d / "entries.jsonl").read_bytes().rstrip(b"\n"))

        cases = [(actor, []), (drop_last, []), (swap, []), (not_canonical, []), (other_checkpoint, []),
                 (other_verifier_key, []), (no_newline, []), (None, ["--key", other_key]),
                 (None, ["--since", other_cp])]
        for n, (edit, extra) in enumerate(cases):
            name = edit.__name__ if edit else " ".join(extra[:1])
            with self.subTest(name):
                copy = self.tmp / f"copy-{n}"
                shutil.copytree(self.export, copy)
                if edit:
                    edit(copy)
                theirs, mine = self.both(copy, *extra)
                self.assertNotEqual(theirs.returncode, 0, f"fairdraw accepted {name}")
                self.assertNotEqual(mine.returncode, 0, f"fairdraw-audit accepted {name}:\n{mine.stdout}")


if __name__ == "__main__":
    unittest.main()
