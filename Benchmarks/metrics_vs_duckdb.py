#!/usr/bin/env python3
"""Full metric recompute: Tenure's revenue ledger vs the same aggregation in DuckDB.

Both sides get the same rows (tenure-bench synthesises them and writes CSV),
both hold them in memory before the clock starts, and both compute every
account's MRR after each change (items normalised to a month and rounded half
away from zero, forever coupons, paying statuses), net it per account per
day, classify the day-to-day moves as new / expansion / contraction / churn /
reactivation, and total them per month. The results must match to the cent
before a ratio is printed.

Usage: Benchmarks/metrics_vs_duckdb.py [--accounts 100000] [--changes 1000000] [--runs 3]
(scripts/bench builds tenure-bench in release mode and runs this.)
"""
import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time

import duckdb

QUERY = """
WITH item AS (
    SELECT c.account_id, c.subscription_id, c.effective_at, c.status, c.percent_off,
           CASE p.billing_interval
               WHEN 'month' THEN (p.unit_amount * c.quantity * 2 + p.interval_count) // (2 * p.interval_count)
               WHEN 'year' THEN (p.unit_amount * c.quantity * 2 + 12 * p.interval_count) // (24 * p.interval_count)
               WHEN 'week' THEN (p.unit_amount * c.quantity * 104 + 12 * p.interval_count) // (24 * p.interval_count)
               ELSE (p.unit_amount * c.quantity * 730 + 12 * p.interval_count) // (24 * p.interval_count)
           END AS gross
    FROM changes c JOIN prices p ON p.id = c.price_id
),
sub_mrr AS (
    SELECT account_id, subscription_id, effective_at,
           CASE WHEN status IN ('active', 'past_due') THEN greatest(gross - CASE WHEN percent_off IS NULL THEN 0
                ELSE (gross * CAST(round(percent_off * 100) AS BIGINT) * 2 + 10000) // 20000 END, 0)
           ELSE 0 END AS mrr
    FROM item
),
deltas AS (
    SELECT account_id, effective_at // 86400000 AS day,
           mrr - coalesce(lag(mrr) OVER (PARTITION BY subscription_id ORDER BY effective_at), 0) AS delta
    FROM sub_mrr
),
days AS (
    SELECT account_id, day, sum(delta) AS delta FROM deltas GROUP BY account_id, day
),
levels AS (
    SELECT account_id, day, sum(delta) OVER (PARTITION BY account_id ORDER BY day) AS mrr FROM days
),
moves AS (
    SELECT day, mrr,
           coalesce(lag(mrr) OVER w, 0) AS previous,
           coalesce(max(mrr) OVER (PARTITION BY account_id ORDER BY day ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), 0) AS peak
    FROM levels WINDOW w AS (PARTITION BY account_id ORDER BY day)
)
SELECT strftime(to_timestamp(day * 86400), '%Y-%m') AS month,
       sum(CASE WHEN previous = 0 AND mrr > 0 AND peak = 0 THEN mrr ELSE 0 END) AS new,
       sum(CASE WHEN previous > 0 AND mrr > previous THEN mrr - previous ELSE 0 END) AS expansion,
       sum(CASE WHEN mrr > 0 AND mrr < previous THEN previous - mrr ELSE 0 END) AS contraction,
       sum(CASE WHEN previous > 0 AND mrr = 0 THEN previous ELSE 0 END) AS churn,
       sum(CASE WHEN previous = 0 AND mrr > 0 AND peak > 0 THEN mrr ELSE 0 END) AS reactivation
FROM moves WHERE mrr <> previous GROUP BY month ORDER BY month
"""


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--accounts", type=int, default=100_000)
    parser.add_argument("--changes", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--bench", default=os.path.join(os.path.dirname(__file__), "..", ".build", "release", "tenure-bench"))
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as directory:
        print(f"Tenure: synthesising {args.changes:,} changes for {args.accounts:,} accounts and recomputing…", flush=True)
        tenure = json.loads(subprocess.run(
            [args.bench, "metrics", "--accounts", str(args.accounts), "--changes", str(args.changes),
             "--out", directory, "--runs", str(args.runs)],
            check=True, capture_output=True, text=True).stdout)

        print("DuckDB: loading the same rows into memory and running the same aggregation…", flush=True)
        connection = duckdb.connect()
        connection.execute(f"SET threads TO {os.cpu_count()}")
        connection.execute(f"CREATE TABLE changes AS SELECT * FROM read_csv('{directory}/changes.csv', header=true)")
        connection.execute(f"CREATE TABLE prices AS SELECT * FROM read_csv('{directory}/prices.csv', header=true)")
        timings, rows = [], []
        for _ in range(args.runs):
            started = time.perf_counter()
            rows = connection.execute(QUERY).fetchall()
            timings.append(time.perf_counter() - started)
        duck_seconds = statistics.median(timings)

    duck = {row[0]: dict(zip(["new", "expansion", "contraction", "churn", "reactivation"], row[1:])) for row in rows}
    mismatches = []
    for month in tenure["months"]:
        theirs = duck.get(month["month"], dict.fromkeys(["new", "expansion", "contraction", "churn", "reactivation"], 0))
        for kind, value in theirs.items():
            if int(value) != month[kind]:
                mismatches.append(f"{month['month']} {kind}: tenure {month[kind]} duckdb {int(value)}")
    if mismatches:
        print("RESULTS DIFFER — no ratio printed:", *mismatches[:20], sep="\n  ")
        sys.exit(1)

    months = len(tenure["months"])
    print(f"Both computed identical movement totals for {months} months ({tenure['changes']:,} changes, {tenure['accounts']:,} accounts).")
    print(f"Tenure (Swift, {os.cpu_count()} threads): {tenure['seconds']:.3f} s   DuckDB {duckdb.__version__} ({os.cpu_count()} threads): {duck_seconds:.3f} s")
    print(f"Ratio DuckDB time / Tenure time: {duck_seconds / tenure['seconds']:.2f}×"
          f" ({'Tenure faster' if tenure['seconds'] < duck_seconds else 'DuckDB faster'})")


if __name__ == "__main__":
    main()
