"""fairdraw log and key commands, checked from outside with tlog_check (docs/SPEC.md §4)."""
import base64
import json
import os
import re
import sqlite3
import stat
import subprocess
import threading
import unittest
from pathlib import Path

import tlog_check as t
from fdtest import WorkspaceTest, run, workspace_state

ORIGIN = "fairdraw.test/log"


class LogTest(WorkspaceTest):
    def annotate(self, *texts):
        for text in texts:
            self.fd("log", "annotate", text, check=0)

    def key(self):
        return t.parse_verifier_key(self.fd("key", "show", check=0).stdout)

    def entries(self):
        return [line.encode() for line in self.fd("log", "show", "--json", check=0).stdout.splitlines()]


class Init(LogTest):
    def test_init_creates_an_owner_only_key_a_verifier_key_and_a_signed_first_checkpoint(self):
        mode = stat.S_IMODE(os.stat(self.ws / "signing.key").st_mode)
        self.assertEqual(mode, 0o600)
        self.assertTrue((self.ws / "signing.key").read_text().startswith("-----BEGIN PRIVATE KEY-----\n"))
        name, public_key = self.key()
        self.assertEqual(name, ORIGIN)
        self.assertEqual((self.ws / "verifier.key").read_text().strip(), t.verifier_key_text(name, public_key))
        text = t.open_note((self.ws / "checkpoint").read_text(), name, public_key)
        origin, size, root = t.parse_checkpoint(text)
        self.assertEqual((origin, size), (ORIGIN, 1))
        self.assertEqual(root, t.mth([t.leaf_hash(e) for e in self.entries()]))

    def test_the_init_entry_records_the_origin_and_the_verifier_key(self):
        first = json.loads(self.entries()[0])
        self.assertEqual(first["type"], "workspace.init")
        self.assertEqual(first["payload"]["origin"], ORIGIN)
        self.assertEqual(first["payload"]["verifier_key"], self.fd("key", "show", check=0).stdout.strip())

    def test_the_private_key_is_standard_pkcs8_that_openssl_reads(self):
        der = subprocess.run(["openssl", "pkey", "-in", self.ws / "signing.key", "-pubout", "-outform", "DER"],
                             check=True, capture_output=True).stdout
        self.assertEqual(der[-32:], self.key()[1])

    def test_init_without_origin_uses_a_unique_placeholder_and_says_so(self):
        proc = run("init", self.tmp / "other", check=0)
        self.assertRegex(proc.stdout, r"log origin:   local\.fairdraw\.invalid/[0-9a-f]{16}\n")
        self.assertIn("placeholder origin", proc.stderr)
        run("init", self.tmp / "third", check=0)
        origins = {run("--workspace", self.tmp / d, "key", "show", check=0).stdout.split("+")[0]
                   for d in ("other", "third")}
        self.assertEqual(len(origins), 2)

    def test_an_origin_that_cannot_name_a_key_is_refused_and_nothing_is_created(self):
        for origin in ("has space", "a+b", "tab\there"):
            proc = run("init", self.tmp / "bad", "--origin", origin)
            self.assertEqual(proc.returncode, 2, proc.stderr)
            self.assertIn("cannot be the log's origin", proc.stderr)
            self.assertFalse((self.tmp / "bad").exists() and any((self.tmp / "bad").iterdir()))

    def test_init_never_overwrites_an_existing_key(self):
        folder = self.tmp / "half"
        folder.mkdir()
        (folder / "signing.key").write_text("precious\n")
        proc = run("init", folder, "--origin", ORIGIN)
        self.assertEqual(proc.returncode, 2, proc.stderr)
        self.assertIn("fairdraw never overwrites a key", proc.stderr)
        self.assertEqual((folder / "signing.key").read_text(), "precious\n")
        self.assertFalse((folder / "fairdraw.db").exists())

    def test_a_key_file_others_can_read_is_refused_by_every_command(self):
        os.chmod(self.ws / "signing.key", 0o644)
        for args in (["log", "show"], ["log", "annotate", "x"], ["key", "show"]):
            proc = self.assertFails(args, 3, "can be accessed by other users (mode 0644)", "chmod 600")
        os.chmod(self.ws / "signing.key", 0o600)
        self.annotate("fine again")


class Passphrase(LogTest):
    init_workspace = False

    def setUp(self):
        super().setUp()
        self.passfile = self.tmp / "pass"
        self.passfile.write_text("correct horse battery\n")
        run("--passphrase-file", self.passfile, "init", self.ws, "--origin", ORIGIN, check=0)

    def test_the_key_is_encrypted_and_openssl_opens_it_with_the_passphrase(self):
        self.assertTrue((self.ws / "signing.key").read_text().startswith("-----BEGIN ENCRYPTED PRIVATE KEY-----\n"))
        der = subprocess.run(["openssl", "pkey", "-in", self.ws / "signing.key", "-passin", "file:" + str(self.passfile),
                              "-pubout", "-outform", "DER"], check=True, capture_output=True).stdout
        self.assertEqual(der[-32:], self.key()[1])

    def test_appending_needs_the_passphrase_and_refuses_a_wrong_one(self):
        env_free = {"FAIRDRAW_PASSPHRASE": ""}
        self.assertFails(["log", "annotate", "x"], 2, "is encrypted and no passphrase was given",
                         "--passphrase-file")
        wrong = self.tmp / "wrong"
        wrong.write_text("battery staple\n")
        self.assertFails(["--passphrase-file", wrong, "log", "annotate", "x"], 2, "the passphrase does not open")
        self.fd("--passphrase-file", self.passfile, "log", "annotate", "x", check=0, env=env_free)
        self.fd("log", "annotate", "y", check=0, env={"FAIRDRAW_PASSPHRASE": "correct horse battery"})
        self.fd("log", "verify", check=0)  # reading needs no passphrase


class Show(LogTest):
    def test_show_json_prints_each_entry_exactly_as_hashed_in_canonical_form(self):
        self.annotate("第一条 remark", 'quote " backslash \\ newline \n end')
        lines = self.fd("log", "show", "--json", check=0).stdout.splitlines()
        self.assertEqual(len(lines), 3)
        for i, line in enumerate(lines):
            entry = json.loads(line)
            self.assertEqual(t.canonical(entry), line)
            self.assertEqual(entry["index"], i)
            self.assertEqual(entry["v"], 1)
            self.assertEqual(entry["actor"], "tester")
            self.assertEqual(entry["time"], "2026-11-20T02:00:00Z")
        self.assertEqual(json.loads(lines[1])["payload"], {"text": "第一条 remark"})

    def test_show_lists_index_time_actor_type_and_payload(self):
        self.annotate("hello")
        out = self.fd("log", "show", "--from", "1", check=0).stdout
        self.assertEqual(out, '1  2026-11-20T02:00:00Z  tester  log.annotate  {"text":"hello"}\n')

    def test_show_from_past_the_end_is_bad_input(self):
        self.assertFails(["log", "show", "--from", "5"], 2, "--from 5 is past the end of the log, which has 1 entries")


class Annotate(LogTest):
    def test_annotate_appends_one_entry_and_one_checkpoint(self):
        out = self.fd("log", "annotate", "draw postponed", check=0).stdout
        self.assertEqual(out, "logged entry 1\n")
        con = sqlite3.connect(self.ws / "fairdraw.db")
        self.assertEqual(con.execute("SELECT COUNT(*) FROM log_checkpoint").fetchone()[0], 2)

    def test_empty_and_oversized_annotations_are_refused(self):
        self.assertFails(["log", "annotate", ""], 2, "the annotation is empty")
        self.assertFails(["log", "annotate", "x" * 4097], 2, "the annotation is 4097 bytes, more than 4096")

    def test_parallel_writers_are_serialised_and_the_checkpoint_file_ends_at_the_latest_tree(self):
        failures = []

        def writer(name):
            for i in range(8):
                proc = self.fd("log", "annotate", f"{name} {i}")
                if proc.returncode != 0:
                    failures.append(proc.stderr)

        threads = [threading.Thread(target=writer, args=(n,)) for n in ("a", "b", "c")]
        for th in threads:
            th.start()
        for th in threads:
            th.join()
        self.assertEqual(failures, [])
        self.fd("log", "verify", check=0)
        self.assertEqual((self.ws / "checkpoint").read_text(), self.fd("log", "checkpoint", check=0).stdout)
        self.assertIn("\n25\n", (self.ws / "checkpoint").read_text())


    def test_verify_while_another_process_appends_never_reports_a_false_problem(self):
        done = threading.Event()

        def writer():
            for i in range(15):
                self.fd("log", "annotate", f"concurrent {i}", check=0)
            done.set()

        thread = threading.Thread(target=writer)
        thread.start()
        results = []
        while not done.is_set():
            results.append(self.fd("log", "verify"))
        thread.join()
        self.assertEqual([p.stderr for p in results if p.returncode != 0], [])


class Checkpoint(LogTest):
    def test_the_checkpoint_is_a_signed_note_over_the_independently_computed_root(self):
        self.annotate("a", "b", "c")
        note = self.fd("log", "checkpoint", check=0).stdout
        self.assertEqual(note, (self.ws / "checkpoint").read_text())
        name, public_key = self.key()
        origin, size, root = t.parse_checkpoint(t.open_note(note, name, public_key))
        self.assertEqual((origin, size), (ORIGIN, 4))
        self.assertEqual(root, t.mth([t.leaf_hash(e) for e in self.entries()]))
        as_json = json.loads(self.fd("log", "checkpoint", "--json", check=0).stdout)
        self.assertEqual(as_json["checkpoint"], note)
        self.assertEqual(base64.b64decode(as_json["root_hash"]), root)

    def test_key_show_json_names_the_key(self):
        shown = json.loads(self.fd("key", "show", "--json", check=0).stdout)
        name, public_key = self.key()
        self.assertEqual(shown["name"], name)
        self.assertEqual(shown["key_id"], t.key_id(name, public_key).hex())
        self.assertEqual(base64.b64decode(shown["public_key"]), public_key)


class Proofs(LogTest):
    def setUp(self):
        super().setUp()
        self.annotate(*[f"remark {i}" for i in range(1, 12)])  # 12 entries, signed at sizes 1..12

    def checkpoint_root(self, note):
        return t.parse_checkpoint(t.open_note(note, *self.key()))

    def test_every_inclusion_proof_verifies_independently(self):
        entries = self.entries()
        for size in (1, 5, 8, 12):
            for index in range(size):
                proof = json.loads(self.fd("log", "prove-inclusion", index, "--size", size, "--json", check=0).stdout)
                _, signed_size, root = self.checkpoint_root(proof["checkpoint"])
                self.assertEqual(signed_size, size)
                self.assertEqual(proof["entry"].encode(), entries[index])
                path = [base64.b64decode(h) for h in proof["inclusion_path"]]
                self.assertTrue(t.verify_inclusion(t.leaf_hash(entries[index]), index, size, path, root),
                                f"entry {index} in {size}")

    def test_the_text_proof_is_a_c2sp_tlog_proof_carrying_the_entry(self):
        text = self.fd("log", "prove-inclusion", "3", check=0).stdout
        lines = text.split("\n")
        self.assertEqual(lines[0], "c2sp.org/tlog-proof@v1")
        self.assertTrue(lines[1].startswith("extra "))
        entry = base64.b64decode(lines[1][6:])
        self.assertEqual(entry, self.entries()[3])
        self.assertEqual(lines[2], "index 3")
        blank = lines.index("")
        path = [base64.b64decode(h) for h in lines[3:blank]]
        note = "\n".join(lines[blank + 1:])
        _, size, root = self.checkpoint_root(note)
        self.assertTrue(t.verify_inclusion(t.leaf_hash(entry), 3, size, path, root))

    def test_every_consistency_proof_verifies_independently(self):
        for old in range(1, 13):
            for new in range(old, 13):
                proof = json.loads(self.fd("log", "prove-consistency", old, new, "--json", check=0).stdout)
                _, s1, r1 = self.checkpoint_root(proof["old_checkpoint"])
                _, s2, r2 = self.checkpoint_root(proof["new_checkpoint"])
                self.assertEqual((s1, s2), (old, new))
                path = [base64.b64decode(h) for h in proof["consistency_path"]]
                if old == new:
                    self.assertEqual((path, r1), ([], r2))
                else:
                    self.assertTrue(t.verify_consistency(old, new, path, r1, r2), f"{old} -> {new}")

    def test_consistency_text_names_sizes_and_roots(self):
        text = self.fd("log", "prove-consistency", "2", "5", check=0).stdout
        self.assertRegex(text, r"^old-size 2\nold-root [A-Za-z0-9+/=]{44}\nnew-size 5\nnew-root [A-Za-z0-9+/=]{44}\n")

    def test_impossible_proof_requests_are_bad_input(self):
        self.assertFails(["log", "prove-inclusion", "12"], 2, "entry 12 is not in the signed tree of size 12")
        self.assertFails(["log", "prove-inclusion", "1", "--size", "40"], 2,
                         "the log never signed a tree of size 40 (the log has only 12 entries)")
        self.assertFails(["log", "prove-inclusion", "x"], 2)
        self.assertFails(["log", "prove-consistency", "6", "5"], 2, "the old size 6 is larger than the new size 5")
        self.assertFails(["log", "prove-consistency", "0", "5"], 2, "never signs an empty tree")

    def test_a_size_that_was_never_signed_is_named_with_its_neighbours(self):
        self.assertFails(["log", "prove-inclusion", "0", "--size", "0"], 2,
                         "the log never signed a tree of size 0 (no change ended at that size)",
                         "signed sizes near it: 1")


class ExportAndVerify(LogTest):
    def setUp(self):
        super().setUp()
        self.annotate("one", "two", "three")

    def test_verify_reports_entries_checkpoints_and_the_checkpoint_file(self):
        out = self.fd("log", "verify", check=0).stdout
        self.assertIn("log verified: 4 entries, 4 signed checkpoints, all consistent", out)
        self.assertIn("checkpoint file: the same tree", out)
        report = json.loads(self.fd("log", "verify", "--json", check=0).stdout)
        self.assertEqual((report["entries"], report["tree_size"]), (4, 4))

    def test_export_writes_three_files_that_verify_offline_and_independently(self):
        out = self.tmp / "export"
        self.fd("log", "export", out, check=0)
        self.assertEqual(sorted(p.name for p in out.iterdir()), ["checkpoint", "entries.jsonl", "verifier.key"])
        name, public_key = t.parse_verifier_key((out / "verifier.key").read_text())
        _, size, root = t.parse_checkpoint(t.open_note((out / "checkpoint").read_text(), name, public_key))
        lines = (out / "entries.jsonl").read_bytes().split(b"\n")
        self.assertEqual(lines[-1], b"")
        self.assertEqual(size, len(lines) - 1)
        self.assertEqual(root, t.mth([t.leaf_hash(line) for line in lines[:-1]]))
        proc = run("log", "verify-export", out, "--key", self.ws / "verifier.key", check=0)
        self.assertIn("export verified: 4 entries", proc.stdout)

    def test_verify_export_accepts_a_checkpoint_saved_earlier(self):
        saved = self.tmp / "saved"
        saved.write_text(self.fd("log", "checkpoint", check=0).stdout)
        self.annotate("four", "five")
        self.fd("log", "export", self.tmp / "export", check=0)
        proc = run("log", "verify-export", self.tmp / "export", "--since", saved, "--json", check=0)
        report = json.loads(proc.stdout)
        self.assertEqual((report["entries"], report["consistent_with_size"]), (6, 4))

    def test_export_refuses_a_folder_that_is_not_empty_and_writes_nothing(self):
        out = self.tmp / "export"
        out.mkdir()
        (out / "mine.txt").write_text("keep")
        self.assertFails(["log", "export", out], 2, "is not empty; an export never overwrites files")
        self.assertEqual([p.name for p in out.iterdir()], ["mine.txt"])
        empty = self.tmp / "empty"
        empty.mkdir()
        self.fd("log", "export", empty, check=0)
        self.assertTrue((empty / "entries.jsonl").exists())

    def test_a_malformed_trusted_key_is_bad_input(self):
        self.fd("log", "export", self.tmp / "export", check=0)
        proc = run("log", "verify-export", self.tmp / "export", "--key", "not-a-key")
        self.assertEqual(proc.returncode, 2, proc.stderr)
        self.assertIn("--key: not a verifier key", proc.stderr)


class CheckpointFile(LogTest):
    def test_a_checkpoint_file_left_behind_by_a_kill_is_accepted_and_rewritten(self):
        # A kill between the commit and the file write leaves an older, consistent file.
        self.annotate("one")
        older = (self.ws / "checkpoint").read_text()
        self.annotate("two", "three")
        (self.ws / "checkpoint").write_text(older)
        out = self.fd("log", "verify", check=0).stdout
        self.assertIn("checkpoint file: an older tree of size 2, which the database extends", out)
        self.annotate("four")
        self.assertEqual((self.ws / "checkpoint").read_text(), self.fd("log", "checkpoint", check=0).stdout)

    def test_a_missing_checkpoint_file_stops_appends_until_it_is_restored(self):
        self.annotate("one")
        saved = (self.ws / "checkpoint").read_text()
        (self.ws / "checkpoint").unlink()
        self.assertFails(["log", "annotate", "x"], 3, "is missing", "copy it back")
        self.assertFails(["log", "verify"], 1, "is missing")
        (self.ws / "checkpoint").write_text(saved)
        self.annotate("two")


if __name__ == "__main__":
    unittest.main()
