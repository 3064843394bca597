#!/usr/bin/env python3
"""Events per second through Tenure's Segment-compatible /v1/batch, against a
raw batched insert of the same rows into the same database, in one run.

Tenure's side is the whole path a client sees: HTTP, Basic auth, JSON
decoding, validation, account attribution, messageId dedupe, the insert and
the daily rollups. The raw side inserts the same rows into a table with the
same columns and indexes, in batches of the same size, one transaction each:
- SQLite (default): Python's sqlite3 with executemany, same WAL mode;
- PostgreSQL (--database postgres): psycopg's COPY. The server is a
  throwaway cluster this script starts (initdb into a temporary directory;
  as root it runs as the `postgres` user), or the one --postgres-url names,
  where a scratch database is created and dropped.

Usage: Benchmarks/tracking_vs_sqlite.py [--events 100000] [--batch 500]
           [--database sqlite|postgres] [--postgres-url URL]
(scripts/bench builds the release binary and runs this.)
"""
import argparse
import contextlib
import glob
import json
import os
import socket
import sqlite3
import subprocess
import tempfile
import time
import uuid
from datetime import datetime, timedelta, timezone
from urllib.parse import urlsplit, urlunsplit

import requests

import raw_sqlite

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
TENURE = os.path.join(ROOT, ".build", "release", "tenure")
COLUMNS = ("message_id, type, account_id, user_id, anonymous_id, event, occurred_at, received_at, properties, day")


def tenure(*arguments):
    return subprocess.run([TENURE, *arguments], check=True, capture_output=True, text=True).stdout


def tenure_ingest(database, users, batches):
    """Seconds Tenure takes to take every batch through /v1/batch on `database` (a --database value)."""
    tenure("migrate", "--database", database)
    key = tenure("keys", "create", "--role", "writer", "--database", database).strip()
    server = subprocess.Popen([TENURE, "serve", "--port", "0", "--database", database],
                              stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    try:
        url = server.stdout.readline().strip().rsplit(" ", 1)[-1]
        session = requests.Session()
        session.auth = (key, "")
        # Users join 100 accounts first, as group calls would have done.
        groups = [{"type": "group", "userId": user, "groupId": f"grp_{n % 100}", "messageId": f"g-{user}",
                   "traits": {"name": f"Account {n % 100}"}} for n, user in enumerate(users)]
        session.post(f"{url}/v1/batch", json={"batch": groups}).raise_for_status()
        sent_at = datetime.now(timezone.utc).isoformat()
        bodies = [json.dumps({"batch": batch, "sentAt": sent_at}) for batch in batches]
        headers = {"Content-Type": "application/json"}
        began = time.perf_counter()
        for body in bodies:
            session.post(f"{url}/v1/batch", data=body, headers=headers).raise_for_status()
        return time.perf_counter() - began
    finally:
        server.terminate()
        server.wait()


def raw_rows(users, batches):
    """The rows Tenure stores for each batch, computed here for the raw insert."""
    received = int(time.time() * 1000)
    account = {user: f"acct_grp_{n % 100}" for n, user in enumerate(users)}
    rows = []
    for batch in batches:
        rows.append([])
        for m in batch:
            occurred = int(datetime.fromisoformat(m["timestamp"]).timestamp() * 1000)
            rows[-1].append((m["messageId"], "track", account[m["userId"]], m["userId"], None, m["event"], occurred, received,
                             json.dumps(m["properties"]), occurred // 86_400_000 * 86_400_000))
    return rows


def sqlite_comparison(users, batches, directory):
    path = f"{directory}/bench.sqlite"
    tenure_seconds = tenure_ingest(f"sqlite:{path}", users, batches)
    stored = sqlite3.connect(path)
    counts = stored.execute("SELECT COUNT(*), COUNT(account_id) FROM usage_events WHERE type = 'track'").fetchone()
    stored.close()

    raw = raw_sqlite.empty_copy(path, "usage_events", f"{directory}/raw.sqlite")
    rows = raw_rows(users, batches)
    began = time.perf_counter()
    for batch in rows:
        raw.execute("BEGIN")
        raw.executemany(f"INSERT INTO usage_events ({COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", batch)
        raw.execute("COMMIT")
    return tenure_seconds, time.perf_counter() - began, counts, "raw sqlite3 executemany"


def postgres_comparison(users, batches, server_url):
    import psycopg

    scratch = f"tenure_bench_{os.getpid()}"
    with psycopg.connect(server_url, autocommit=True) as admin:
        admin.execute(f"CREATE DATABASE {scratch}")
    parts = urlsplit(server_url)
    database_url = urlunsplit(parts._replace(path=f"/{scratch}"))
    try:
        tenure_seconds = tenure_ingest(database_url, users, batches)
        with psycopg.connect(database_url, autocommit=True) as connection:
            counts = connection.execute("SELECT COUNT(*), COUNT(account_id) FROM usage_events WHERE type = 'track'").fetchone()
            # The same columns, types and indexes, empty.
            connection.execute("CREATE TABLE raw_usage_events (LIKE usage_events INCLUDING ALL)")
            rows = raw_rows(users, batches)
            began = time.perf_counter()
            for batch in rows:
                with connection.transaction(), connection.cursor().copy(f"COPY raw_usage_events ({COLUMNS}) FROM STDIN") as copy:
                    for row in batch:
                        copy.write_row(row)
            raw_seconds = time.perf_counter() - began
    finally:
        with psycopg.connect(server_url, autocommit=True) as admin:
            admin.execute(f"DROP DATABASE IF EXISTS {scratch} WITH (FORCE)")
    return tenure_seconds, raw_seconds, counts, "raw psycopg COPY"


@contextlib.contextmanager
def throwaway_postgres(directory):
    """A PostgreSQL server in `directory` for the length of the block, as scripts/test starts one; yields its URL."""
    binaries = sorted(glob.glob("/usr/lib/postgresql/*/bin"), key=lambda path: int(path.split("/")[-2]))
    if not binaries:
        raise SystemExit("no PostgreSQL binaries under /usr/lib/postgresql: install postgresql, or pass --postgres-url")
    bin_dir = binaries[-1]
    as_postgres = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
    if os.geteuid() == 0:
        subprocess.run(["chown", "postgres:", directory], check=True)
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    data = os.path.join(directory, "data")
    subprocess.run(as_postgres + [f"{bin_dir}/initdb", "-D", data, "--auth=trust", "-U", "postgres", "-E", "UTF8",
                                  "--locale=C", "--no-sync"], check=True, capture_output=True, cwd=directory)
    with open(os.path.join(data, "postgresql.conf"), "a") as conf:
        conf.write(f"\nlisten_addresses = '127.0.0.1'\nport = {port}\nunix_socket_directories = '{directory}'\n"
                   "fsync = off\nsynchronous_commit = off\nfull_page_writes = off\n")
    subprocess.run(as_postgres + [f"{bin_dir}/pg_ctl", "-D", data, "-l", os.path.join(directory, "server.log"), "-w", "start"],
                   check=True, capture_output=True, cwd=directory)
    try:
        yield f"postgres://postgres@127.0.0.1:{port}/postgres?sslmode=disable"
    finally:
        subprocess.run(as_postgres + [f"{bin_dir}/pg_ctl", "-D", data, "stop", "-m", "fast", "-w"], capture_output=True, cwd=directory)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--batch", type=int, default=500)
    parser.add_argument("--database", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument("--postgres-url", help="a PostgreSQL server to use instead of a throwaway one (a scratch database is made there)")
    args = parser.parse_args()
    start = datetime(2026, 10, 1, tzinfo=timezone.utc)
    users = [f"user_{n}" for n in range(1_000)]
    messages = [{"type": "track", "messageId": str(uuid.UUID(int=n)), "userId": users[n % len(users)],
                 "event": ["login", "report_created", "dashboard_viewed"][n % 3], "properties": {"n": n},
                 "timestamp": (start + timedelta(seconds=30 * n)).isoformat()} for n in range(args.events)]
    batches = [messages[i:i + args.batch] for i in range(0, len(messages), args.batch)]

    with tempfile.TemporaryDirectory() as directory:
        if args.database == "sqlite":
            result = sqlite_comparison(users, batches, directory)
        elif args.postgres_url:
            result = postgres_comparison(users, batches, args.postgres_url)
        else:
            with throwaway_postgres(directory) as url:
                result = postgres_comparison(users, batches, url)
    tenure_seconds, raw_seconds, stored, peer = result

    tenure_rate, raw_rate = args.events / tenure_seconds, args.events / raw_seconds
    print(f"Tenure stored {stored[0]:,} events ({stored[1]:,} attributed to accounts) through /v1/batch "
          f"in batches of {args.batch} on {args.database}.")
    print(f"Tenure /v1/batch: {tenure_rate:,.0f} events/s   {peer}: {raw_rate:,.0f} events/s")
    print(f"Ratio Tenure / raw: {tenure_rate / raw_rate:.2f}" + (" (aim: at least 0.5)" if args.database == "sqlite" else ""))


if __name__ == "__main__":
    main()
