#!/usr/bin/env python3
"""Time and peak memory of the nightly refresh on a given SQLite or PostgreSQL database.

Runs `tenure health recompute` and `tenure predict train` (backtest, fit, and a
prediction for every paying account) under `/usr/bin/time -v`, each on the
database as it is, and prints each command's wall time, peak resident set size
and peak RSS per account. The database is written to (scores, predictions, a new
model version): pass a copy. Not a peer comparison and not in `scripts/bench`.

    python3 Benchmarks/refresh_memory.py /tmp/copy.sqlite [--binary .build/release/tenure] [--as-of 2026-11-30]
    python3 Benchmarks/refresh_memory.py postgres://user@host:5432/scratch [--only churn]
"""

import argparse
import os
import re
import sqlite3
import subprocess
import sys

COMMANDS = {"health": ("health recompute", ["health", "recompute"]), "churn": ("churn train+predict", ["predict", "train"])}


def measure(binary, database, arguments, as_of):
    """Runs one command under /usr/bin/time -v; returns (wall seconds, CPU seconds, peak RSS in KiB)."""
    environment = dict(os.environ, TENURE_NOW=as_of) if as_of else dict(os.environ)
    result = subprocess.run(["/usr/bin/time", "-v", binary, *arguments, "--database", database],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, env=environment)
    if result.returncode != 0:
        sys.exit(f"{' '.join(arguments)} failed:\n{result.stderr[-2000:]}")
    clock = re.search(r"Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): (\S+)", result.stderr).group(1)
    seconds = sum(float(part) * 60 ** power for power, part in enumerate(reversed(clock.split(":"))))
    peak = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", result.stderr).group(1))
    cpu = sum(float(re.search(rf"{kind} time \(seconds\): (\S+)", result.stderr).group(1)) for kind in ("User", "System"))
    return seconds, cpu, peak


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("database", help="a SQLite file or a postgres:// URL of a database made by `tenure generate` "
                        "(it is written to: pass a copy)")
    parser.add_argument("--binary", default=".build/release/tenure")
    parser.add_argument("--as-of", default="2026-11-30", help="TENURE_NOW for the commands ('' for the real clock)")
    parser.add_argument("--only", choices=sorted(COMMANDS), help="run one of the two commands (default: both, health first)")
    options = parser.parse_args()
    if options.database.startswith("postgres"):
        import psycopg
        with psycopg.connect(options.database) as connection:
            accounts = connection.execute("SELECT COUNT(*) FROM accounts").fetchone()[0]
        database = options.database
    else:
        with sqlite3.connect(options.database) as connection:
            accounts = connection.execute("SELECT COUNT(*) FROM accounts").fetchone()[0]
        database = f"sqlite:{options.database}"
    print(f"{accounts:,} accounts, as of {options.as_of or 'now'}, load average {os.getloadavg()[0]:.1f}")
    for label, arguments in [COMMANDS[options.only]] if options.only else COMMANDS.values():
        seconds, cpu, peak = measure(options.binary, database, arguments, options.as_of)
        print(f"{label:22} {seconds:8.1f} s (CPU {cpu:7.1f} s)   peak RSS {peak / 1024:8.1f} MiB   "
              f"{peak / max(1, accounts):6.2f} KiB/account")
    print(f"load average after: {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
