#!/usr/bin/env python3
"""Events per second through Tenure's Segment-compatible /v1/batch into
SQLite, against raw batched SQLite inserts of the same rows, in one run.

Tenure's side is the whole path a client sees: HTTP, Basic auth, JSON
decoding, validation, account attribution, messageId dedupe, the insert and
the daily rollups. The raw side is Python's sqlite3 inserting the same rows
(same table and indexes, same WAL mode) with executemany in batches of the same size.

Usage: Benchmarks/tracking_vs_sqlite.py [--events 100000] [--batch 500]
(scripts/bench builds the release binary and runs this.)
"""
import argparse
import json
import os
import sqlite3
import subprocess
import tempfile
import time
import uuid
from datetime import datetime, timedelta, timezone

import requests

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")


def tenure(*arguments, **kwargs):
    return subprocess.run([os.path.join(ROOT, ".build", "release", "tenure"), *arguments], check=True,
                          capture_output=True, text=True, **kwargs).stdout


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--batch", type=int, default=500)
    args = parser.parse_args()
    start = datetime(2026, 10, 1, tzinfo=timezone.utc)
    users = [f"user_{n}" for n in range(1_000)]
    messages = [{"type": "track", "messageId": str(uuid.UUID(int=n)), "userId": users[n % len(users)],
                 "event": ["login", "report_created", "dashboard_viewed"][n % 3], "properties": {"n": n},
                 "timestamp": (start + timedelta(seconds=30 * n)).isoformat()} for n in range(args.events)]
    batches = [messages[i:i + args.batch] for i in range(0, len(messages), args.batch)]

    with tempfile.TemporaryDirectory() as directory:
        database = f"sqlite:{directory}/bench.sqlite"
        tenure("migrate", "--database", database)
        key = tenure("keys", "create", "--role", "writer", "--database", database).strip()
        server = subprocess.Popen([os.path.join(ROOT, ".build", "release", "tenure"), "serve", "--port", "0", "--database", database],
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
                response = session.post(f"{url}/v1/batch", data=body, headers=headers)
                response.raise_for_status()
            tenure_seconds = time.perf_counter() - began
            schema = [row[0] for row in sqlite3.connect(f"{directory}/bench.sqlite").execute(
                "SELECT sql FROM sqlite_master WHERE tbl_name = 'usage_events' AND sql IS NOT NULL ORDER BY type DESC")]
            stored = sqlite3.connect(f"{directory}/bench.sqlite").execute(
                "SELECT COUNT(*), COUNT(account_id) FROM usage_events WHERE type = 'track'").fetchone()
        finally:
            server.terminate()
            server.wait()

        raw = sqlite3.connect(f"{directory}/raw.sqlite", isolation_level=None)
        raw.execute("PRAGMA journal_mode = WAL")
        raw.execute("PRAGMA synchronous = NORMAL")
        for statement in schema:  # the same table and indexes
            raw.execute(statement)
        received = int(time.time() * 1000)
        rows = [[(m["messageId"], "track", f"acct_grp_{users.index(m['userId']) % 100}", m["userId"], None, m["event"],
                  int(datetime.fromisoformat(m["timestamp"]).timestamp() * 1000), received, json.dumps(m["properties"]),
                  int(datetime.fromisoformat(m["timestamp"]).timestamp() // 86400 * 86400 * 1000)) for m in batch] for batch in batches]
        began = time.perf_counter()
        for batch in rows:
            raw.execute("BEGIN")
            raw.executemany("INSERT INTO usage_events (message_id, type, account_id, user_id, anonymous_id, event, occurred_at, "
                            "received_at, properties, day) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", batch)
            raw.execute("COMMIT")
        raw_seconds = time.perf_counter() - began

    tenure_rate, raw_rate = args.events / tenure_seconds, args.events / raw_seconds
    print(f"Tenure stored {stored[0]:,} events ({stored[1]:,} attributed to accounts) through /v1/batch in batches of {args.batch}.")
    print(f"Tenure /v1/batch: {tenure_rate:,.0f} events/s   raw sqlite3 executemany: {raw_rate:,.0f} events/s")
    print(f"Ratio Tenure / raw: {tenure_rate / raw_rate:.2f} (aim: at least 0.5)")


if __name__ == "__main__":
    main()
