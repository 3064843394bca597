#!/usr/bin/env python3
"""Scrapes a running Tenure server's Prometheus endpoint and parses it with
the official `prometheus-client` parser, which refuses anything that is not
valid exposition text. Prints every sample as JSON:
[{"family": …, "type": …, "name": …, "labels": {…}, "value": …}, …].

Usage: prometheus_scrape.py URL [TOKEN]
"""
import json
import sys
import urllib.request

from prometheus_client.parser import text_string_to_metric_families


def main():
    request = urllib.request.Request(sys.argv[1])
    if len(sys.argv) > 2:
        request.add_header("Authorization", f"Bearer {sys.argv[2]}")
    with urllib.request.urlopen(request) as response:
        text = response.read().decode("utf-8")
    samples = []
    for family in text_string_to_metric_families(text):
        for sample in family.samples:
            samples.append({"family": family.name, "type": family.type, "name": sample.name,
                            "labels": sample.labels, "value": sample.value})
    print(json.dumps(samples))


if __name__ == "__main__":
    main()
