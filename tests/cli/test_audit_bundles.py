"""Published bundles checked by both verifiers: `fairdraw verify` and audit/fairdraw-audit verify (SPEC §12.5).

Two sources of bundles:

- bundles assembled in Python from SPEC §12.1–§12.4 (tests/cli/audit_bundle.py)
  for random draws with substitutions made through the command line, public
  and full; both verifiers must accept them, and must both reject each
  tampered copy. That a bundle laid out from the spec's text passes
  `fairdraw verify` checks the spec as much as the tool.
- the sample bundles in docs/vectors/bundle-small/{public,full}/ written by
  `fairdraw publish`, the same tampered copies of them, and the shared
  tamper cases of tests/data/bundle-tamper/cases.json.

A tampered copy usually has its manifest re-written, so that the check the
tampering is aimed at (not just the manifest's hashes) has to catch it.
"""
import base64
import hashlib
import json
import os
import random
import shutil
import subprocess
import sys
import unittest
from pathlib import Path

import test_audit_draws as draws
from audit_bundle import assemble
from fdtest import BIN, DATA, SOURCE_DIR, run

AUDIT = SOURCE_DIR / "audit" / "fairdraw-audit"
SAMPLES = SOURCE_DIR / "docs" / "vectors" / "bundle-small"
SEAL_KEY = bytes.fromhex("3c" * 32)
# Bundles are made of the first cases of tests/cli/test_audit_draws.py that reach a draw with
# substitutions, until there are this many, at least one of each kind of public replay among them.
BUNDLE_CASES = 4


def audit(*args):
    return subprocess.run([sys.executable, str(AUDIT), *map(str, args)], capture_output=True, text=True, timeout=600)


def fairdraw_verify(folder, *extra):
    """fairdraw verify, its output decoded leniently: a tampered file's bytes may be quoted in it."""
    proc = subprocess.run([BIN, "verify", str(folder), *map(str, extra)], capture_output=True, timeout=600)
    return subprocess.CompletedProcess(proc.args, proc.returncode, proc.stdout.decode("utf-8", "replace"),
                                       proc.stderr.decode("utf-8", "replace"))


def has_verify():
    listing = subprocess.run([BIN, "--help"], capture_output=True, text=True).stdout
    return any(line.split()[:1] == ["verify"] for line in listing.splitlines())


def rewrite_manifest(folder):
    m = json.loads((folder / "manifest.json").read_bytes())
    files = []
    for path in sorted((p for p in folder.rglob("*") if p.is_file() and p.name != "manifest.json"),
                       key=lambda p: p.relative_to(folder).as_posix().encode("utf-8")):
        data = path.read_bytes()
        files.append({"bytes": len(data), "path": path.relative_to(folder).as_posix(),
                      "sha256": hashlib.sha256(data).hexdigest()})
    m["files"] = files
    (folder / "manifest.json").write_bytes(
        json.dumps(m, ensure_ascii=False, separators=(",", ":"), sort_keys=True).encode("utf-8"))


def edit_jsonl(folder, name, n, fn):
    lines = (folder / name).read_bytes().split(b"\n")
    obj = json.loads(lines[n])
    fn(obj)
    lines[n] = json.dumps(obj, ensure_ascii=False, separators=(",", ":"), sort_keys=True).encode("utf-8")
    (folder / name).write_bytes(b"\n".join(lines))


def edit_json(folder, name, fn):
    obj = json.loads((folder / name).read_bytes())
    fn(obj)
    (folder / name).write_bytes(json.dumps(obj, ensure_ascii=False, separators=(",", ":"),
                                           sort_keys=True).encode("utf-8"))


# --- tampering: each takes the bundle folder; re-writes the manifest unless the manifest is the target ---

def notice_changed_without_manifest(d):
    (d / "notice.html").write_bytes((d / "notice.html").read_bytes() + b" ")


def extra_file(d):
    (d / "extra.txt").write_text("x", encoding="utf-8")


def result_pick_changed(d):
    edit_json(d, "result.json", lambda r: r["selected"][0]["team"][0].update(pick="0" * 16))
    rewrite_manifest(d)


def result_and_manifest_id_changed(d):
    edit_json(d, "result.json", lambda r: r["selected"][0]["team"][0].update(pick="0" * 16))
    digest = hashlib.sha256((d / "result.json").read_bytes()).hexdigest()
    edit_json(d, "manifest.json", lambda m: m.update(result=digest))
    rewrite_manifest(d)


def substitution_dropped(d):
    data = (d / "substitutions.jsonl").read_bytes()
    (d / "substitutions.jsonl").write_bytes(data[: data.rstrip(b"\n").rfind(b"\n") + 1])
    rewrite_manifest(d)


def substitution_reason_changed(d):
    edit_jsonl(d, "substitutions.jsonl", 0, lambda r: r.update(reason=r["reason"] + "。"))
    rewrite_manifest(d)


def enterprise_name_changed(d):
    edit_jsonl(d, "enterprises.jsonl", 0, lambda r: r.update(name=r["name"] + "有限公司"))
    rewrite_manifest(d)


def enterprise_row_dropped(d):
    data = (d / "enterprises.jsonl").read_bytes()
    (d / "enterprises.jsonl").write_bytes(data[data.index(b"\n") + 1:])
    rewrite_manifest(d)


def inspector_status_changed(d):
    edit_jsonl(d, "inspectors.jsonl", 0, lambda r: r.update(status="离岗" if r["status"] == "在岗" else "在岗"))
    rewrite_manifest(d)


def opening_value_changed(d):
    def change(o):
        f = sorted(o["fields"])[0]
        o["fields"][f]["value"] = "D" if o["fields"][f]["value"] != "D" else "A"
    edit_jsonl(d, "openings.jsonl", 0, change)
    rewrite_manifest(d)


def announcement_reason_changed(d):
    edit_json(d, "announcement.json", lambda a: a.update(reason="另一个理由"))
    rewrite_manifest(d)


def result_entry_proof_dropped(d):
    lines = (d / "log" / "proofs.jsonl").read_bytes().split(b"\n")
    lines = [x for x in lines if b'\\"type\\":\\"draw.result\\"' not in x]
    (d / "log" / "proofs.jsonl").write_bytes(b"\n".join(lines))
    rewrite_manifest(d)


def proof_path_changed(d):
    def change(p):
        p["path"][0] = base64.b64encode(bytes(32)).decode("ascii")
    edit_jsonl(d, "log/proofs.jsonl", 1, change)
    rewrite_manifest(d)


def checkpoint_signature_changed(d):
    text = (d / "log" / "checkpoint").read_bytes().decode("utf-8")
    body, _, sig = text.rpartition(" ")
    raw = bytearray(base64.b64decode(sig))
    raw[10] ^= 1
    (d / "log" / "checkpoint").write_bytes((body + " " + base64.b64encode(raw).decode() + "\n").encode("utf-8"))
    rewrite_manifest(d)


def kind_changed(d):
    edit_json(d, "manifest.json", lambda m: m.update(kind="full" if m["kind"] == "public" else "public"))


TAMPERS = [notice_changed_without_manifest, extra_file, result_pick_changed, result_and_manifest_id_changed,
           substitution_dropped, substitution_reason_changed, enterprise_name_changed, enterprise_row_dropped,
           inspector_status_changed, opening_value_changed, announcement_reason_changed,
           result_entry_proof_dropped, proof_path_changed, checkpoint_signature_changed, kind_changed]


class BundleAgreement(draws.DrawCases):
    """Each verifier on each bundle: the same verdict."""

    def verdicts(self, folder, *extra):
        mine = audit("verify", folder, *extra)
        self.assertIn(mine.returncode, (0, 1, 2), mine.stdout + mine.stderr)
        theirs = fairdraw_verify(folder, *extra) if self.cpp else None
        return mine, theirs

    def assert_agree(self, label, folder, accept, *extra):
        mine, theirs = self.verdicts(folder, *extra)
        self.assertEqual(mine.returncode == 0, accept,
                         f"{label}: fairdraw-audit {'rejected' if accept else 'accepted'} it:\n{mine.stdout}{mine.stderr}")
        if theirs is not None:
            self.assertEqual(theirs.returncode == 0, accept,
                             f"{label}: fairdraw verify {'rejected' if accept else 'accepted'} it:\n"
                             f"{theirs.stdout}{theirs.stderr}\n--- fairdraw-audit said:\n{mine.stdout}")
        return mine

    def tamper_matrix(self, label, bundle, key):
        applicable = 0
        for tamper in TAMPERS:
            openings = bundle / "openings.jsonl"
            if tamper is opening_value_changed and not (openings.exists() and openings.stat().st_size):
                continue
            if tamper in (substitution_dropped, substitution_reason_changed) and \
                    not (bundle / "substitutions.jsonl").stat().st_size:
                continue
            with self.subTest(f"{label}: {tamper.__name__}"):
                copy = self.tmp / f"tampered-{label.replace('/', '-')}-{tamper.__name__}"
                shutil.copytree(bundle, copy)
                tamper(copy)
                self.assert_agree(f"{label}: {tamper.__name__}", copy, False)
                applicable += 1
        with self.subTest(f"{label}: another key"):
            self.assert_agree(f"{label}: --key of another log", bundle, False, "--key", key)
        return applicable

    def setUp(self):
        super().setUp()
        self.cpp = has_verify()
        other = self.tmp / "other"
        run("init", other, "--origin", "fairdraw.test/other", check=0)
        self.other_key = (other / "verifier.key").read_text(encoding="utf-8").strip()
        self.other_checkpoint = self.tmp / "other-checkpoint"
        self.other_checkpoint.write_text(run("--workspace", other, "log", "checkpoint", check=0).stdout)

    def test_bundles_laid_out_from_the_spec_agree_and_every_tampered_copy_is_rejected_by_both(self):
        if not self.cpp:
            print("note: this fairdraw has no 'verify' command; only fairdraw-audit is checked", file=sys.stderr)
        replays, done = set(), 0
        for n in range(60):
            if done >= BUNDLE_CASES and len(replays) == 2:
                break
            root = self.tmp / f"case-{n}"
            root.mkdir()
            saved, self.tmp, self.ws = self.tmp, root, root / "ws"
            try:
                outcome = self.check_case(n)
                if not outcome.startswith("drawn") or outcome.endswith("impossible") or "refused" in outcome or \
                        not run("--workspace", self.ws, "result", "latest", "--json", check=0,
                                env={"FAIRDRAW_NOW": draws.LATER_2}).stdout.count('"number"'):
                    continue
                done += 1
                rows = {}
                for kind in ("enterprises", "inspectors", "conflicts"):
                    path = root / "lists" / f"{kind}.csv"
                    if path.exists():
                        rows[kind], _ = draws.snapshot.read_table(kind, path.read_text(encoding="utf-8"), "csv")
                # the checkpoint of size 2 (after the first import), as an auditor would have saved it
                size = len(run("--workspace", self.ws, "log", "show", "--json", check=0).stdout.splitlines())
                proof = run("--workspace", self.ws, "log", "prove-consistency", "2", str(size), "--json", check=0)
                early = root / "early-checkpoint"
                early.write_text(json.loads(proof.stdout)["old_checkpoint"], encoding="utf-8")
                for kind in ("public", "full"):
                    bundle = root / f"bundle-{kind}"
                    assemble(self.ws, bundle, kind, rows, SEAL_KEY, {"FAIRDRAW_NOW": draws.LATER_2})
                    key = (self.ws / "verifier.key").read_text(encoding="utf-8").strip()
                    mine = self.assert_agree(f"case {n} {kind}", bundle, True, "--key", key)
                    since = self.assert_agree(f"case {n} {kind} --since", bundle, True, "--since", early)
                    self.assertIn("extends the saved checkpoint of size 2", since.stdout)
                    self.assert_agree(f"case {n} {kind} --since another log", bundle, False, "--since",
                                      self.other_checkpoint)
                    broken = root / f"broken-consistency-{kind}"
                    shutil.copytree(bundle, broken)
                    edit_jsonl(broken, "log/consistency.jsonl", 1,
                               lambda c: c.update(path=c["path"][1:] + c["path"][:1]))
                    rewrite_manifest(broken)
                    self.assert_agree(f"case {n} {kind} --since with a broken consistency proof", broken, False,
                                      "--since", early)
                    replays.add("restricted" if "ok    replay (restricted" in mine.stdout else
                                "complete" if "ok    replay (complete)" in mine.stdout else "none")
                    self.tamper_matrix(f"case {n} {kind}", bundle, self.other_key)
            finally:
                self.tmp = saved
        self.assertGreaterEqual(done, BUNDLE_CASES, "too few cases with substitutions")
        self.assertEqual(replays, {"complete", "restricted"}, "both kinds of replay are exercised")

    def test_the_shared_tamper_cases_are_rejected_by_both(self):
        """tests/data/bundle-tamper/cases.json, applied as tests/cli/test_bundle_tamper.py applies them."""
        cases = DATA / "bundle-tamper" / "cases.json"
        if not (SAMPLES / "public" / "manifest.json").exists() or not cases.exists():
            self.skipTest(f"{SAMPLES} or {cases} does not exist yet (written with fairdraw publish)")
        from test_bundle_tamper import CASES as SHARED, apply
        self.assertTrue(self.cpp, "the sample bundles exist, so fairdraw must have a verify command")
        count = 0
        for case in SHARED:
            for kind in case["bundles"]:
                with self.subTest(case=case["name"], bundle=kind):
                    copy = self.tmp / f"shared-{count}-{kind}"
                    shutil.copytree(SAMPLES / kind, copy)
                    apply(copy, case)
                    mine = self.assert_agree(f"shared case {case['name']!r} ({kind})", copy, False)
                    self.assertIn("FAIL", mine.stdout)
                    count += 1
        self.assertGreaterEqual(count, 20)

    def test_folder_and_manifest_problems_give_the_same_exit_code_in_both(self):
        """Exit 2 when the manifest cannot be parsed as §12.2 says, 1 when the folder does not match it."""
        if not (SAMPLES / "full" / "manifest.json").exists():
            self.skipTest(f"{SAMPLES} does not exist yet (written with fairdraw publish)")
        self.assertTrue(self.cpp, "the sample bundles exist, so fairdraw must have a verify command")

        def manifest(fn, dump=lambda m: json.dumps(m, ensure_ascii=False, separators=(",", ":"), sort_keys=True)):
            def edit(d):
                m = json.loads((d / "manifest.json").read_bytes())
                fn(m)
                (d / "manifest.json").write_text(dump(m), encoding="utf-8")
            return edit

        cases = [
            ("manifest with whitespace", manifest(lambda m: None, dump=json.dumps), 2),
            ("manifest with a newline", lambda d: (d / "manifest.json").write_bytes(
                (d / "manifest.json").read_bytes() + b"\n"), 2),
            ("manifest not JSON", lambda d: (d / "manifest.json").write_text("{", encoding="utf-8"), 2),
            ("no manifest", lambda d: (d / "manifest.json").unlink(), 2),
            ("unknown format", manifest(lambda m: m.update(format="fairdraw-bundle-v0")), 2),
            ("an extra member", manifest(lambda m: m.update(extra=1)), 2),
            ("files not sorted", manifest(lambda m: m["files"].reverse()), 2),
            ("a path listed twice", manifest(lambda m: m["files"].append(m["files"][-1])), 2),
            ("a file left out of the list", manifest(lambda m: m.update(
                files=[f for f in m["files"] if f["path"] != "drawn.csv"])), 1),
            ("a listed file missing", lambda d: (d / "drawn.csv").unlink(), 1),
            ("an empty folder", lambda d: (d / "empty").mkdir(), 1),
            ("a file in a new folder", lambda d: ((d / "x").mkdir(), (d / "x" / "y").write_text("y")), 1),
            ("a symbolic link", lambda d: (d / "link.json").symlink_to("announcement.json"), 1),
            ("a path out of the folder", manifest(lambda m: m["files"][0].update(path="../x")), 1),
        ]
        for name, edit, code in cases:
            with self.subTest(name):
                copy = self.tmp / f"structure-{name.replace(' ', '-')}"
                shutil.copytree(SAMPLES / "full", copy)
                edit(copy)
                mine, theirs = self.verdicts(copy)
                self.assertEqual((mine.returncode, theirs.returncode), (code, code),
                                 f"{name}:\n{mine.stdout}{mine.stderr}\n---\n{theirs.stdout}{theirs.stderr}")

    def test_random_byte_changes_get_the_same_verdict_from_both(self):
        """One byte of one file of a sample bundle changed, the manifest re-written: both verifiers accept
        (a file checked only by its hash, such as notice.html) or both reject, whatever the byte."""
        if not (SAMPLES / "public" / "manifest.json").exists():
            self.skipTest(f"{SAMPLES} does not exist yet (written with fairdraw publish)")
        self.assertTrue(self.cpp, "the sample bundles exist, so fairdraw must have a verify command")
        rng = random.Random(int(os.environ.get("FAIRDRAW_AUDIT_BYTE_SEED", "2026")))
        verdicts = {}
        for n in range(int(os.environ.get("FAIRDRAW_AUDIT_BYTE_CASES", "40"))):
            kind = rng.choice(["public", "full"])
            files = sorted(p.relative_to(SAMPLES / kind).as_posix() for p in (SAMPLES / kind).rglob("*")
                           if p.is_file() and p.name != "manifest.json")
            name = rng.choice(files)
            data = bytearray((SAMPLES / kind / name).read_bytes())
            at = rng.randrange(len(data))
            old = data[at]
            data[at] = rng.choice([c for c in b"0123456789abcdefABCDEF{}[]\",: \n" if c != old])
            with self.subTest(f"{kind}/{name} byte {at}: {bytes([old])!r} -> {bytes([data[at]])!r}"):
                copy = self.tmp / f"byte-{n}"
                shutil.copytree(SAMPLES / kind, copy)
                (copy / name).write_bytes(bytes(data))
                rewrite_manifest(copy)
                mine, theirs = self.verdicts(copy)
                self.assertEqual(mine.returncode == 0, theirs.returncode == 0,
                                 f"fairdraw-audit exit {mine.returncode}, fairdraw verify exit {theirs.returncode}:\n"
                                 f"{mine.stdout}{mine.stderr}\n---\n{theirs.stdout}{theirs.stderr}")
                verdicts[mine.returncode == 0] = verdicts.get(mine.returncode == 0, 0) + 1
        print("random byte changes: accepted by both", verdicts.get(True, 0), "rejected by both",
              verdicts.get(False, 0), file=sys.stderr)

    def test_sample_bundles_agree_and_every_tampered_copy_is_rejected_by_both(self):
        if not (SAMPLES / "public" / "manifest.json").exists():
            self.skipTest(f"{SAMPLES} does not exist yet (written by fairdraw publish)")
        self.assertTrue(self.cpp, "the sample bundles exist, so fairdraw must have a verify command")
        for kind in ("public", "full"):
            bundle = SAMPLES / kind
            self.assert_agree(f"sample {kind}", bundle, True)
            self.assertGreater(self.tamper_matrix(f"sample {kind}", bundle, self.other_key), 10)


if __name__ == "__main__":
    unittest.main()
