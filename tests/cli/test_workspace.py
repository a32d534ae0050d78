"""fairdraw init and opening a workspace."""
import sqlite3
import unittest

from fdtest import WorkspaceTest, run, workspace_state


class Init(WorkspaceTest):
    def test_init_creates_a_wal_database_whose_first_log_entry_records_it(self):
        con = sqlite3.connect(self.ws / "fairdraw.db")
        self.assertEqual(con.execute("PRAGMA journal_mode").fetchone()[0], "wal")
        first = con.execute("SELECT data FROM log_entry WHERE idx = 0").fetchone()[0]
        self.assertIn(b'"type":"workspace.init"', bytes(first))

    def test_init_twice_is_refused_and_changes_nothing(self):
        self.assertFails(["init", self.ws], 2, "a workspace already exists")

    def test_commands_without_a_workspace_say_so_with_a_hint(self):
        proc = run("--workspace", self.tmp / "nowhere", "lists")
        self.assertEqual(proc.returncode, 2, proc.stderr)
        self.assertIn("no workspace in", proc.stderr)
        self.assertIn("fairdraw init", proc.stderr)

    def test_log_rows_cannot_be_deleted_from_outside_the_tool(self):
        con = sqlite3.connect(self.ws / "fairdraw.db")
        with self.assertRaises(sqlite3.DatabaseError):
            con.execute("DELETE FROM log_entry")
        with self.assertRaises(sqlite3.DatabaseError):
            con.execute("UPDATE log_entry SET data = 'x'")

    def test_a_newer_schema_is_refused_with_exit_3(self):
        con = sqlite3.connect(self.ws / "fairdraw.db")
        con.execute("PRAGMA user_version = 999")
        con.close()
        proc = self.fd("lists")
        self.assertEqual(proc.returncode, 3, proc.stderr)
        self.assertIn("newer than this fairdraw understands", proc.stderr)


if __name__ == "__main__":
    unittest.main()
