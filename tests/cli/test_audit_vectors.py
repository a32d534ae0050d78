"""audit/fairdraw-audit vectors: the independent verifier recomputes every vector in docs/vectors/.

The vectors of docs/vectors/ were written by hand or by the scripts next to
them, and the draw vectors by tools/fairdraw-drawvectors (the C++ library);
the verifier in audit/ is written from docs/SPEC.md alone. Sample bundles
(docs/vectors/*/public/ and full/, written by fairdraw publish) are verified
as `fairdraw-audit verify` does. Agreement on every
check confirms both; each tampered copy below must make it fail, so the
checks are not vacuous.
"""
import json
import shutil
import subprocess
import sys
import tempfile
import unittest
from pathlib import Path

from fdtest import SOURCE_DIR

AUDIT = SOURCE_DIR / "audit" / "fairdraw-audit"
VECTORS = SOURCE_DIR / "docs" / "vectors"


def audit(*args):
    return subprocess.run([sys.executable, str(AUDIT), *map(str, args)], capture_output=True, text=True, timeout=600)


class Vectors(unittest.TestCase):
    def test_every_vector_file_is_recomputed_and_every_check_passes(self):
        proc = audit("vectors", VECTORS)
        self.assertEqual(proc.returncode, 0, proc.stdout + proc.stderr)
        self.assertNotIn("FAIL", proc.stdout)
        checked = {line.split()[1].rstrip(":") for line in proc.stdout.splitlines() if line.startswith("ok")}
        bundles = {p.parent.relative_to(VECTORS).as_posix() for p in VECTORS.glob("*/*/manifest.json")}
        self.assertEqual(checked, {p.name for p in VECTORS.glob("*.json")} | bundles, "a vector was not checked")
        # the draw vectors are replayed in full: result bytes, every substitution record, final teams
        for name in ("draw-small.json", "draw-chains.json"):
            self.assertIn(f"ok    {name}: result document bytes", proc.stdout)
            self.assertIn(f"ok    {name}: final teams", proc.stdout)
        self.assertIn("ok    draw-small.json: substitution record 3 (inspector)", proc.stdout)

    def tampered(self, name, edit):
        """Copy docs/vectors/, apply edit to one file's JSON, run the verifier on the copy."""
        with tempfile.TemporaryDirectory(prefix="fairdraw-audit-") as tmp:
            folder = Path(tmp) / "vectors"
            shutil.copytree(VECTORS, folder)
            path = folder / name
            data = json.loads(path.read_text(encoding="utf-8"))
            edit(data)
            path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
            return audit("vectors", folder)

    def test_a_changed_recorded_output_fails_the_check_that_covers_it(self):
        def swap_team(d):
            team = d["expected"]["result"]["selected"][0]["team"]
            team[0]["pick"] = "0" * 16

        def other_root(d):
            d["root"] = "00" + d["root"][2:]

        def change_refill(d):
            d["expected"]["substitutions"][1]["record"]["refills"][0]["position"] = 1

        def other_md5(d):
            d["rows"][3]["md5"] = d["rows"][4]["md5"]

        def later_cutoff(d):
            d["expected"]["result"]["strata"][0]["cutoff"] = "f" * 64

        def other_checkpoint(d):
            d["checkpoints"]["2"]["signed_note"] = d["checkpoints"]["2"]["signed_note"].replace("\n2\n", "\n3\n")

        def changed_input_row(d):  # a drawn entity moves to another stratum
            code = d["expected"]["result"]["selected"][0]["code"]
            row = next(r for r in d["enterprises"] if r["code"] == code)
            row["credit_class"] = "D" if row["credit_class"] != "D" else "A"

        cases = [
            ("draw-small.json", swap_team, "FAIL  draw-small.json: result selected"),
            ("draw-small.json", change_refill, "FAIL  draw-small.json: substitution record 2"),
            ("draw-small.json", later_cutoff, "FAIL  draw-small.json: result strata"),
            ("draw-small.json", changed_input_row, "FAIL  draw-small.json: result"),
            ("draw-chains.json", swap_team, "FAIL  draw-chains.json: result selected"),
            ("snapshot-enterprises.json", other_root, "FAIL  snapshot-enterprises.json: root"),
            ("rfc3797-example.json", other_md5, "FAIL  rfc3797-example.json: selection 4"),
            ("log-fairdraw.json", other_checkpoint, "FAIL  log-fairdraw.json: checkpoint 2"),
        ]
        for name, edit, says in cases:
            with self.subTest(f"{name}: {edit.__name__}"):
                proc = self.tampered(name, edit)
                self.assertEqual(proc.returncode, 1, proc.stdout + proc.stderr)
                self.assertIn(says, proc.stdout)

    def test_usage_errors_exit_2(self):
        proc = audit("vectors", SOURCE_DIR / "no-such-folder")
        self.assertEqual(proc.returncode, 2)
        self.assertIn("not a folder", proc.stderr)
        self.assertEqual(audit("no-such-command").returncode, 2)


if __name__ == "__main__":
    unittest.main()
