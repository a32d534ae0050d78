"""fairdraw announce and announcement end to end: what an announcement refuses, and finding it again."""
import json
import unittest

from fdtest import run
from protocol import (ANNOUNCED_AT, NOT_BEFORE, PLAN, SAMPLE, ProtocolTest, h, log_entries, sources)

SNAPSHOTS = ["--enterprises", "latest", "--inspectors", "latest", "--conflicts", "latest"]


class Refused(ProtocolTest):
    def announce_args(self, specs, not_before=NOT_BEFORE, plan=PLAN, extra=()):
        args = ["announce", plan, *SNAPSHOTS, "--not-before", not_before, *extra]
        for s in specs:
            args += ["--source", s]
        return args

    def test_malformed_source_specs_are_refused_and_change_nothing(self):
        cases = [
            ("witness", "expected KIND:NAME"),
            ("dice:两颗骰子:count=2", "'dice' is not a source kind"),
            ("witness:公证员:digits=06", "without sign or leading zeros"),
            ("witness:公证员:digits=-6", "without sign or leading zeros"),
            ("witness:公证员", "field source[0].digits: is required"),
            ("numbers:福彩3D:min=0", "field source[0].count: is required"),
            ("numbers:福彩3D:count=3:min=9:max=0", "has min greater than max"),
            ("witness:公证员:count=3", "'count' is not a key of witness sources"),
            ("secret:操作员:sha256=abc", "is not a SHA-256 hash"),
            ("secret:操作员", "field source[0].sha256: is required"),
            ("hex:drand:bytes=0", "source[0].bytes"),
            ("numbers:福彩3D:count=3:expected=2026-12-01 21:15", "expected=2026-12-01 21:15"),
            ("witness:公证员\n王某:digits=6", "U+000A"),
            ("witness:公证员\u202e某王:digits=6", "U+202E"),
            ("text:上证指数:description=收盘\x1b[31m", "U+001B"),
        ]
        for spec, says in cases:
            with self.subTest(spec):
                self.assertFails(self.announce_args([spec]), 2, says)
        self.assertFails(self.announce_args(["witness:甲:digits=6", "witness:甲:digits=4"]), 2,
                         "repeats an earlier source's name")
        self.assertFails(self.announce_args(["secret:a:sha256=" + "0" * 64, "secret:b:sha256=" + "1" * 64]), 2,
                         "is a second secret source")
        self.assertFails(self.announce_args([]), 2, "no randomness source given")

    def test_times_that_would_make_the_commitment_hollow_are_refused(self):
        cases = [
            ([], "2026-12-01", "--not-before"),
            ([], "tomorrow", "--not-before"),
            ([], "2026-11-19T10:00:00+08:00", "is before the announcement time 2026-11-20T02:00:00Z"),
            (sources(lottery_expected="2026-11-20T09:00:00+08:00"), NOT_BEFORE,
             "not after the announcement time 2026-11-20T02:00:00Z: its value may already be known"),
            (sources(lottery_expected="2026-12-01T22:00:00+08:00"), NOT_BEFORE,
             "after the earliest draw time 2026-12-01T13:30:00Z"),
        ]
        for specs, not_before, says in cases:
            with self.subTest(says):
                self.assertFails(self.announce_args(specs or ["witness:w:digits=6"], not_before), 2, says)

    def test_a_sources_file_is_checked_with_its_name_and_fields(self):
        good = self.tmp / "sources.json"
        good.write_text(json.dumps([{"name": "公证员", "kind": "witness", "digits": 6},
                                    {"name": "福彩3D", "kind": "numbers", "count": 3, "max": 9,
                                     "expected": "2026-12-01T13:15:00Z"}], ensure_ascii=False), encoding="utf-8")
        bad = self.tmp / "bad-sources.json"
        bad.write_text(json.dumps([{"name": "公证员", "kind": "witness"},
                                   {"name": "福彩3D", "kind": "numbers", "count": "3", "colour": "red"}],
                                  ensure_ascii=False), encoding="utf-8")
        proc = self.assertFails(["announce", PLAN, *SNAPSHOTS, "--not-before", NOT_BEFORE, "--sources", bad], 2,
                                f"{bad}: field sources[0].digits: is required",
                                f"{bad}: field sources[1].count: must be a whole number",
                                f"{bad}: field sources[1].colour")
        self.assertFails(["announce", PLAN, *SNAPSHOTS, "--not-before", NOT_BEFORE, "--sources",
                          self.tmp / "none.json"], 2, "none.json: no such file")
        notjson = self.tmp / "not.json"
        notjson.write_text("[{]", encoding="utf-8")
        self.assertFails(["announce", PLAN, *SNAPSHOTS, "--not-before", NOT_BEFORE, "--sources", notjson], 2,
                         str(notjson))
        self.fd("announce", PLAN, *SNAPSHOTS, "--not-before", NOT_BEFORE, "--sources", good, "--source",
                "witness:企业代表:digits=4", check=0)
        _, doc, _ = self.latest_announcement()
        self.assertEqual([s["name"] for s in doc["sources"]], ["公证员", "福彩3D", "企业代表"])

    def test_a_bad_plan_reason_or_snapshot_is_refused(self):
        self.assertFails(self.announce_args(sources(), plan=self.tmp / "nope.json"), 2, "no such file")
        bad = self.tmp / "plan.json"
        bad.write_text('{"format": "fairdraw-plan-v1", "title": "x"}', encoding="utf-8")
        self.assertFails(self.announce_args(sources(), plan=bad), 2, f"{bad}: field department: is required")
        self.assertFails(self.announce_args(sources(), extra=["--reason", ""]), 2, "--reason is empty")
        self.assertFails(self.announce_args(sources(), extra=["--reason", "a\tb"]), 2, "U+0009")
        self.assertFails(["announce", PLAN, "--enterprises", "latest", "--inspectors", "latest", "--not-before",
                          NOT_BEFORE, "--source", "witness:w:digits=6"], 2, "--conflicts")


class Announced(ProtocolTest):
    def test_an_announcement_is_found_by_id_prefix_latest_and_its_file(self):
        announcement_id, doc, raw = self.announce()
        text = self.fd("announcement", announcement_id[:8], check=0).stdout
        self.assertIn(announcement_id, text)
        self.assertIn("公证员 王某", text)
        self.assertIn("《劳动保障监察条例》第十一条第（六）项", text)
        self.assertEqual(self.fd("announcement", announcement_id, "--json", check=0).stdout.encode(), raw)
        path = self.ws / "announcements" / f"announcement-{announcement_id[:16]}.json"
        self.assertEqual(self.fd("announcement", path, "--json", check=0).stdout.encode(), raw)
        out = self.tmp / "published"
        self.fd("announcement", "latest", "--out", out, check=0)
        self.assertEqual((out / path.name).read_bytes(), raw)
        self.assertEqual(h((out / path.name).read_bytes()).hex(), announcement_id)

        # A file of another workspace's announcement does not name one here.
        other = self.tmp / "other"
        run("init", other, "--origin", "fairdraw.test/log", check=0)
        self.assertFails(["announcement", "0123456789abcdef"], 2, "no announcement has an id starting with")
        proc = run("--workspace", other, "announcement", path)
        self.assertEqual(proc.returncode, 2)
        self.assertIn("was not made in this workspace", proc.stderr)

    def test_warnings_for_sources_whose_publication_time_is_not_known(self):
        proc = self.fd("announce", PLAN, *SNAPSHOTS, "--not-before", "now", "--source",
                       "numbers:福彩3D:count=3", "--source", "witness:w:digits=6", check=0)
        self.assertIn("fairdraw: warning: source 福彩3D: has no expected publication time", proc.stderr)
        self.assertNotIn("source w:", proc.stderr)
        _, doc, _ = self.latest_announcement()
        self.assertEqual(doc["not_before"], doc["announced"])
        self.assertEqual(doc["announced"], ANNOUNCED_AT)
        self.assertEqual(log_entries(self.ws)[-1]["payload"]["not_before"], ANNOUNCED_AT)


class Help(ProtocolTest):
    def test_every_protocol_command_has_help_with_an_example(self):
        for command in (["plan", "check"], ["announce"], ["announcement"], ["draw"], ["result"], ["substitute"],
                        ["secret", "new"], ["secret", "link"]):
            with self.subTest(command):
                proc = run(*command, "--help", check=0)
                self.assertIn("Example", proc.stdout)
                self.assertIn("fairdraw " + command[0], proc.stdout)


if __name__ == "__main__":
    unittest.main()
