"""Verifies the requests a webhook receiver recorded with the Standard Webhooks reference library (standardwebhooks).

Usage: verify_webhooks.py REQUESTS.jsonl --secret whsec_… [--secret whsec_… …] [--only-path /path]

REQUESTS.jsonl is webhook_receiver.py's --out. For each request prints one JSON line:
  {"webhook_id", "verified_with": [indexes of the secrets under which Webhook(secret).verify(body, headers) passes],
   "payload": the JSON it returned (from the first secret that verified), "errors": [the library's message per failing secret],
   "tampered_rejected": whether the same headers over a body with one byte changed fail under every secret,
   "signatures": how many v1 signatures the header carries}
"""

import argparse
import json
import sys

from standardwebhooks.webhooks import Webhook, WebhookVerificationError


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("requests")
    parser.add_argument("--secret", action="append", required=True)
    parser.add_argument("--only-path")
    args = parser.parse_args()
    with open(args.requests, encoding="utf-8") as file:
        records = [json.loads(line) for line in file if line.strip()]
    for record in records:
        if args.only_path and record["path"] != args.only_path:
            continue
        body, headers = record["body"], record["headers"]
        verified, errors, payload = [], [], None
        for index, secret in enumerate(args.secret):
            try:
                parsed = Webhook(secret).verify(body, headers)
                verified.append(index)
                payload = parsed if payload is None else payload
                errors.append(None)
            except WebhookVerificationError as error:
                errors.append(str(error))
        tampered = body[:-1] + ("]" if body[-1:] != "]" else "}") if body else "x"
        rejected = True
        for secret in args.secret:
            try:
                Webhook(secret).verify(tampered, headers, json_parse=False)
                rejected = False
            except WebhookVerificationError:
                pass
        print(json.dumps({
            "webhook_id": headers.get("webhook-id"),
            "verified_with": verified,
            "payload": payload,
            "errors": errors,
            "tampered_rejected": rejected,
            "signatures": len(headers.get("webhook-signature", "").split()),
        }))


if __name__ == "__main__":
    sys.exit(main())
