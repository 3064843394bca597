#!/usr/bin/env python3
"""Sends identify, group, track and page calls to a running Tenure server
through the official `analytics-python` library, unchanged but for its host,
once plainly and once gzipped. Prints the library's failures as JSON (none
expected).

Usage: segment_client.py HOST WRITE_KEY
"""
import json
import sys
from datetime import datetime, timedelta, timezone

import analytics
from analytics.client import Client


def main():
    host, write_key = sys.argv[1], sys.argv[2]
    failures = []

    def on_error(error, items):
        failures.append({"error": str(error), "items": len(items)})

    plain = Client(write_key, host=host, on_error=on_error, max_retries=1, sync_mode=True)
    plain.identify("user_ada", {"name": "Ada Lovelace", "email": "ada@orbit.example.com", "title": "CTO"})
    plain.group("user_ada", "grp_orbit", {"name": "Orbit Analytics", "industry": "Software", "employees": 120,
                                          "website": "https://orbit.example.com", "plan": "growth"})
    yesterday = datetime.now(timezone.utc) - timedelta(days=1)
    for index in range(5):
        plain.track("user_ada", "report_created", {"index": index}, timestamp=yesterday)
    plain.page("user_ada", "Dashboards", "Revenue", {"path": "/dashboards/revenue"})
    # An anonymous visitor and an unknown user: stored, not attributed.
    plain.track(anonymous_id="anon_1", event="signup_started")
    plain.track("user_bob", "report_created")
    # Bob joins later: his earlier event is attributed then.
    plain.group("user_bob", "grp_orbit")

    zipped = Client(write_key, host=host, on_error=on_error, max_retries=1, sync_mode=True, gzip=True)
    zipped.track("user_ada", "dashboard_viewed", {"dashboard": "churn"})
    zipped.identify("user_bob", {"name": "Bob Stone", "email": "bob@orbit.example.com"})

    print(json.dumps({"failures": failures, "version": analytics.VERSION}))


if __name__ == "__main__":
    main()
