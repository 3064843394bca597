"""The raw SQLite peer's database, shared by the benchmarks that insert into SQLite without Tenure."""
import sqlite3


def empty_copy(tenure_database, table, path):
    """A new SQLite database at `path` in WAL mode (as Tenure runs it) holding `table` as Tenure created it
    in `tenure_database` (same columns and indexes), empty; autocommit, so callers BEGIN and COMMIT."""
    with sqlite3.connect(tenure_database) as source:
        schema = [row[0] for row in source.execute(
            "SELECT sql FROM sqlite_master WHERE tbl_name = ? AND sql IS NOT NULL ORDER BY type DESC", (table,))]
    raw = sqlite3.connect(path, isolation_level=None)
    raw.execute("PRAGMA journal_mode = WAL")
    raw.execute("PRAGMA synchronous = NORMAL")
    for statement in schema:
        raw.execute(statement)
    return raw
