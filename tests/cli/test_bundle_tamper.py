"""Tampered bundles fail verification, naming what was changed (docs/SPEC.md §12.5).

The cases are data (tests/data/bundle-tamper/cases.json) so that any verifier
written from the specification can run the same ones. Each is applied to a
copy of the committed sample bundles (docs/vectors/bundle-small/, made by
docs/vectors/make_bundle_vectors.sh), which must themselves verify.
"""
import hashlib
import json
import shutil
import tempfile
import unittest
from pathlib import Path

from fdtest import DATA, SOURCE_DIR, run

VECTORS = SOURCE_DIR / "docs" / "vectors" / "bundle-small"
CASES = json.loads((DATA / "bundle-tamper" / "cases.json").read_text(encoding="utf-8"))["cases"]


def canonical(value) -> bytes:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"), sort_keys=True).encode("utf-8")


def flip(text: str, last: bool = False) -> str:
    """Changes the first (or last) ASCII letter or digit of text to another of its kind."""
    order = range(len(text) - 1, -1, -1) if last else range(len(text))
    for i in order:
        c = text[i]
        if c.isascii() and c.isalnum():
            if c.isdigit():
                n = "1" if c == "0" else "0"
            elif c.islower():
                n = "b" if c == "a" else "a"
            else:
                n = "B" if c == "A" else "A"
            return text[:i] + n + text[i + 1:]
    raise ValueError(f"nothing to flip in {text!r}")


def mutate(value, how):
    if how == "flip":
        return flip(value)
    if how == "flip_last":
        return flip(value, last=True)
    raise ValueError(how)


def edit_json(doc, path, edit):
    target = doc
    for key in path[:-1]:
        target = target[key]
    last = path[-1]
    if "set" in edit:
        target[last] = edit["set"]
    else:
        target[last] = mutate(target[last], edit["mutate"])


def apply(bundle: Path, case: dict):
    edit = case["edit"]
    f = bundle / case["file"]
    if edit["op"] == "add_file":
        (bundle / edit["path"]).write_text(edit["text"], encoding="utf-8")
        return
    raw = f.read_bytes()
    if edit["op"] == "append":
        f.write_bytes(raw + edit["text"].encode("utf-8"))
    elif edit["op"] == "json" and "line" not in edit:
        doc = json.loads(raw)
        edit_json(doc, edit["path"], edit)
        f.write_bytes(canonical(doc))
    elif edit["op"] == "json":
        lines = raw.decode("utf-8").split("\n")
        doc = json.loads(lines[edit["line"] - 1])
        edit_json(doc, edit["path"], edit)
        lines[edit["line"] - 1] = canonical(doc).decode("utf-8")
        f.write_bytes("\n".join(lines).encode("utf-8"))
    elif edit["op"] == "text":
        lines = raw.decode("utf-8").split("\n")
        lines[edit["line"] - 1] = mutate(lines[edit["line"] - 1], edit["mutate"])
        f.write_bytes("\n".join(lines).encode("utf-8"))
    else:
        raise ValueError(edit["op"])
    if f.read_bytes() == raw:
        raise AssertionError(f"case {case['name']}: the edit changed nothing")
    if case.get("rehash", True):
        manifest = json.loads((bundle / "manifest.json").read_bytes())
        for entry in manifest["files"]:
            if entry["path"] == case["file"]:
                data = f.read_bytes()
                entry["bytes"] = len(data)
                entry["sha256"] = hashlib.sha256(data).hexdigest()
        (bundle / "manifest.json").write_bytes(canonical(manifest))


class BundleTamperTest(unittest.TestCase):
    def test_sample_bundles_verify(self):
        for kind in ("public", "full"):
            proc = run("verify", VECTORS / kind, check=0)
            self.assertIn("bundle verified", proc.stdout)

    def test_each_case_fails_naming_the_change(self):
        self.assertGreaterEqual(len(CASES), 20)
        for case in CASES:
            for kind in case["bundles"]:
                with self.subTest(case=case["name"], bundle=kind), tempfile.TemporaryDirectory() as tmp:
                    bundle = Path(tmp) / kind
                    shutil.copytree(VECTORS / kind, bundle)
                    apply(bundle, case)
                    proc = run("verify", bundle)
                    self.assertEqual(proc.returncode, 1, proc.stdout + proc.stderr)
                    failed = [l for l in proc.stdout.splitlines() if l.startswith("FAILED")]
                    self.assertTrue(failed, proc.stdout)
                    self.assertTrue(any(case["expected"] in l for l in failed),
                                    f"no failed check names {case['expected']!r}:\n" + "\n".join(failed))
                    self.assertIn("VERIFICATION FAILED", proc.stdout)


if __name__ == "__main__":
    unittest.main()
