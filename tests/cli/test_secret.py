"""fairdraw secret new and link: commitments and chain links an operator never computes by hand."""
import hashlib
import os
import stat
import unittest

from fdtest import WorkspaceTest, run


def chain(value: bytes, n: int) -> bytes:
    for _ in range(n):
        value = hashlib.sha256(value).digest()
    return value


class Secret(WorkspaceTest):
    init_workspace = False

    def test_a_new_secret_is_owner_only_and_its_commitment_and_links_are_the_hash_chain(self):
        path = self.tmp / "op.secret"
        out = run("secret", "new", "--chain", "4", "--name", "值班员", "--out", path, check=0).stdout
        self.assertEqual(stat.S_IMODE(os.stat(path).st_mode), 0o600)
        secret = bytes.fromhex(next(l.split()[1] for l in path.read_text().splitlines() if l.startswith("secret ")))
        self.assertEqual(len(secret), 32)
        commitment = chain(secret, 4).hex()
        self.assertIn(f"--source 'secret:值班员:sha256={commitment}:chain=4'", out)
        for k in range(4):  # round k reveals H^(n-1-k)(s) (SPEC §6, §10)
            shown = run("secret", "link", path, "--round", str(k), check=0).stdout
            self.assertEqual(shown, chain(secret, 3 - k).hex() + "\n")
        proc = run("secret", "link", path, "--round", "4")
        self.assertEqual(proc.returncode, 2)
        self.assertIn("round 4 has no link", proc.stderr)

    def test_a_secret_file_is_never_overwritten_nor_read_when_others_can(self):
        path = self.tmp / "op.secret"
        run("secret", "new", "--out", path, check=0)
        before = path.read_bytes()
        proc = run("secret", "new", "--out", path)
        self.assertEqual(proc.returncode, 2)
        self.assertIn("already exists", proc.stderr)
        self.assertEqual(path.read_bytes(), before)
        os.chmod(path, 0o644)
        proc = run("secret", "link", path, "--round", "0")
        self.assertEqual(proc.returncode, 2)
        self.assertIn("can be read by other users", proc.stderr)
        self.assertEqual(proc.stdout, "")

    def test_numbers_are_read_strictly(self):
        for chain_text in ("0", "010", "-1", "1001", "2.0", "", "二"):
            with self.subTest(chain_text):
                path = self.tmp / f"s{len(chain_text)}{chain_text.encode().hex()}"
                proc = run("secret", "new", "--chain", chain_text, "--out", path)
                self.assertEqual(proc.returncode, 2, proc.stderr)
                self.assertIn("--chain", proc.stderr)
                self.assertFalse(path.exists())
        path = self.tmp / "ok.secret"
        run("secret", "new", "--chain", "2", "--out", path, check=0)
        for round_text in ("-1", "01", "x"):
            proc = run("secret", "link", path, "--round", round_text)
            self.assertEqual(proc.returncode, 2)
            self.assertIn("--round", proc.stderr)
        proc = run("secret", "link", self.tmp / "missing", "--round", "0")
        self.assertEqual(proc.returncode, 2)


if __name__ == "__main__":
    unittest.main()
