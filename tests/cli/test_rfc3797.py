"""fairdraw rfc3797: the standalone RFC 3797 selection, run as a user would."""
import hashlib
import json
import os
import tempfile
import unittest
from pathlib import Path

from fdtest import DATA, SOURCE_DIR, run

POOL = DATA / "rfc3797" / "example-pool.txt"
SOURCES = ["--source", "9319", "--source", "2 5 12 8 10", "--source", "9 18 26 34 41 45"]
KEY = "9319./2.5.8.10.12./9.18.26.34.41.45./"

# RFC 3797 section 6, first eleven rows of its table (MD5, div, selected),
# with the names at those positions; also quoted in DOMAIN.md section 6.
RFC_ROWS = [
    ("990DD0A5692A029A98B5E01AA28F3459", 25, 17, "Lee"),
    ("3691E55CB63FCC37914430B2F70B5EC6", 24, 7, "Doc"),
    ("FE814EDF564C190AC1D25753979990FA", 23, 2, "Mary"),
    ("1863CCACEB568C31D7DDBDF1D4E91387", 22, 16, "Charity"),
    ("F4AB33DF4889F0AF29C513905BE1D758", 21, 25, "Kasczynski"),
    ("13EAEB529F61ACFB9A29D0BA3A60DE4A", 20, 23, "Envy"),
    ("992DB77C382CA2BDB9727001F3CDCCD9", 19, 8, "Sneazy"),
    ("63AB4258ECA922976811C7F55C383CE7", 18, 24, "Anger"),
    ("DFBC5AC97CED01B3A6E348E3CC63F40D", 17, 19, "Chastity"),
    ("31CB111C4A4EBE9287CEAE16FE51B909", 16, 13, "Pandora"),
    ("07FA46C122F164C215BBC72793B189A3", 15, 22, "Sloth"),
]


def rfc3797_positions(key, n, count):
    """RFC 3797 section 4 written independently with Python's hashlib:
    the 1-based pool positions selected with key string `key`."""
    remaining = list(range(1, n + 1))
    picked = []
    for i in range(count):
        counter = i.to_bytes(2, "big")
        value = int.from_bytes(hashlib.md5(counter + key.encode("ascii") + counter).digest(), "big")
        picked.append(remaining.pop(value % len(remaining)))
    return picked


class Rfc3797(unittest.TestCase):
    def setUp(self):
        self._tmp = tempfile.TemporaryDirectory(prefix="fairdraw-rfc3797-")
        self.tmp = Path(self._tmp.name)

    def tearDown(self):
        self._tmp.cleanup()

    def fd(self, *args, check=None):
        # Run from an empty folder: the command needs no workspace and must leave nothing behind.
        proc = run("rfc3797", *args, cwd=self.tmp, check=check)
        self.assertEqual(list(self.tmp.iterdir()), [], "rfc3797 wrote files")
        return proc

    def assertBadInput(self, args, *fragments):
        proc = self.fd(*args)
        self.assertEqual(proc.returncode, 2, f"stdout:\n{proc.stdout}\nstderr:\n{proc.stderr}")
        self.assertEqual(proc.stdout, "")
        for fragment in fragments:
            self.assertIn(fragment, proc.stderr)
        self.assertIn("fairdraw: hint: ", proc.stderr)
        return proc

    def test_the_rfc_example_prints_the_key_and_the_rfc_table_row_by_row(self):
        proc = self.fd("--pool", POOL, "--count", "11", *SOURCES, check=0)
        lines = proc.stdout.splitlines()
        self.assertIn(f"key: {KEY}", lines)
        self.assertIn("source 2: 2 5 12 8 10  ->  2.5.8.10.12./", lines)
        header = next(i for i, line in enumerate(lines) if line.split()[:2] == ["#", "MD5"])
        rows = [line.split() for line in lines[header + 1:]]
        self.assertEqual(len(rows), 11)
        for number, (row, (md5, div, selected, name)) in enumerate(zip(rows, RFC_ROWS), start=1):
            self.assertEqual(row[0], str(number))
            self.assertEqual(row[1], md5)
            self.assertEqual(row[2].split("/")[1], str(div))
            self.assertEqual(row[3], str(selected))
            self.assertEqual(row[4], name)

    def test_json_output_holds_sources_key_and_every_row(self):
        proc = self.fd("--pool", POOL, "--count", "11", *SOURCES, "--json", check=0)
        doc = json.loads(proc.stdout)
        self.assertEqual(doc["key"], KEY)
        self.assertEqual(doc["pool"]["size"], 25)
        self.assertEqual([s["canonical"] for s in doc["sources"]], ["9319./", "2.5.8.10.12./", "9.18.26.34.41.45./"])
        got = [(r["md5"], r["modulus"], r["position"], r["entry"]) for r in doc["selections"]]
        self.assertEqual(got, RFC_ROWS)
        self.assertEqual([r["selection"] for r in doc["selections"]], list(range(1, 12)))
        # The remainder is the position among the entries not yet selected.
        for r in doc["selections"]:
            self.assertLess(r["remainder"], r["modulus"])

    def test_the_docs_vector_matches_the_command(self):
        vector = json.loads((SOURCE_DIR / "docs" / "vectors" / "rfc3797-example.json").read_text("utf-8"))
        pool = self.tmp.parent / f"{self.tmp.name}-pool.txt"
        try:
            pool.write_text("\n".join(vector["pool"]) + "\n", encoding="utf-8")
            args = ["--pool", pool, "--count", vector["count"], "--json"]
            for value in vector["sources"]:
                args += ["--source", value]
            doc = json.loads(self.fd(*args, check=0).stdout)
        finally:
            pool.unlink()
        self.assertEqual(doc["key"], vector["key"])
        want = [(r["md5"], r["modulus"], r["position"], r["entry"]) for r in vector["rows"]]
        got = [(r["md5"], r["modulus"], r["position"], r["entry"]) for r in doc["selections"]]
        self.assertEqual(got, want)

    def test_a_large_pool_matches_an_independent_implementation(self):
        names = [f"企业{i:05d}" for i in range(3000)]
        pool = self.tmp.parent / f"{self.tmp.name}-big.txt"
        try:
            pool.write_bytes(("\ufeff" + "\r\n".join(names)).encode("utf-8"))
            doc = json.loads(self.fd("--pool", pool, "--count", "500", "--source", "07 3 0012",
                                     "--source", "10.250", "--source", "Twins 4-1", "--json", check=0).stdout)
        finally:
            pool.unlink()
        key = "3.7.12./10.25/TWINS41./"
        self.assertEqual(doc["key"], key)
        expected = rfc3797_positions(key, len(names), 500)
        self.assertEqual([r["position"] for r in doc["selections"]], expected)
        self.assertEqual([r["entry"] for r in doc["selections"]], [names[p - 1] for p in expected])

    def test_count_equal_to_the_pool_selects_everyone_once(self):
        doc = json.loads(self.fd("--pool", POOL, "--count", "25", *SOURCES, "--json", check=0).stdout)
        self.assertEqual(sorted(r["position"] for r in doc["selections"]), list(range(1, 26)))

    def test_count_above_the_pool_size_is_refused(self):
        self.assertBadInput(["--pool", POOL, "--count", "26", *SOURCES],
                            "cannot select 26 entries from a pool of 25", "at most 25")

    def test_count_zero_and_non_numbers_are_refused(self):
        self.assertBadInput(["--pool", POOL, "--count", "0", *SOURCES], "is 0")
        self.assertBadInput(["--pool", POOL, "--count", "ten", *SOURCES], "--count", '"ten"')
        self.assertBadInput(["--pool", POOL, "--count=-3", *SOURCES], "--count", '"-3"')
        self.assertBadInput(["--pool", POOL, "--count", "99999999999999999999999", *SOURCES],
                            "more than the 65536")

    def test_missing_options_are_named(self):
        self.assertBadInput(["--pool", POOL, "--count", "3"], "no randomness sources given", "--source")
        self.assertBadInput(["--count", "3", *SOURCES], "no pool file given", "--pool")
        self.assertBadInput(["--pool", POOL, *SOURCES], "no --count given")

    def test_malformed_sources_are_all_reported_with_their_number(self):
        proc = self.assertBadInput(["--pool", POOL, "--count", "3", "--source", "9319", "--source", "2,5,12",
                                    "--source=-7"], "2 randomness sources")
        self.assertIn('source 2: the value "2,5,12" is not a number', proc.stderr)
        self.assertIn("source 3: ", proc.stderr)
        self.assertIn("leave out the sign", proc.stderr)

    def test_a_missing_pool_file_is_bad_input(self):
        self.assertBadInput(["--pool", self.tmp.parent / "no-such-pool.txt", "--count", "3", *SOURCES],
                            "no-such-pool.txt does not exist")

    def test_bad_pool_files_report_the_line(self):
        bad = DATA / "rfc3797" / "pool"
        self.assertBadInput(["--pool", bad / "empty-line.txt", "--count", "1", *SOURCES],
                            "empty-line.txt:3: empty line")
        self.assertBadInput(["--pool", bad / "duplicate-entry.txt", "--count", "1", *SOURCES],
                            'duplicate-entry.txt:5: duplicate entry "Doc", also on line 3')
        proc = self.assertBadInput(["--pool", bad / "several-problems.txt", "--count", "1", *SOURCES], "4 problems")
        for line in (2, 4, 5, 6):
            self.assertIn(f"several-problems.txt:{line}: ", proc.stderr)


if __name__ == "__main__":
    unittest.main()
