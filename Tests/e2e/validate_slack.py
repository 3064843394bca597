"""Validates Slack incoming-webhook messages a receiver recorded against Slack's own SDK (slack_sdk) block models.

Usage: validate_slack.py REQUESTS.jsonl

REQUESTS.jsonl is webhook_receiver.py's --out. For each request prints one JSON line:
  {"text", "block_types": [each block's type], "round_trip": whether Block.parse_all(blocks) serialised again
   (to_dict) equals the blocks received, "errors": [what is wrong]}
and exits 1 if any message has errors (an empty `text`, blocks the SDK refuses, or a round trip that differs).
"""

import json
import sys

from slack_sdk.models.blocks import Block


def main():
    failed = False
    with open(sys.argv[1], encoding="utf-8") as file:
        records = [json.loads(line) for line in file if line.strip()]
    for record in records:
        errors = []
        message = json.loads(record["body"])
        text = message.get("text")
        if not isinstance(text, str) or not text.strip():
            errors.append("text is missing or empty")
        blocks = message.get("blocks")
        round_trip = False
        types = []
        if not isinstance(blocks, list) or not blocks:
            errors.append("blocks is missing or empty")
        else:
            try:
                parsed = Block.parse_all(blocks)
                types = [block.type for block in parsed]
                for block in parsed:
                    block.validate_json()
                again = [block.to_dict() for block in parsed]
                round_trip = again == blocks
                if not round_trip:
                    errors.append(f"round trip differs: {json.dumps(again)} != {json.dumps(blocks)}")
                if any(block is None or type(block) is Block for block in parsed):
                    errors.append("a block type the SDK does not know")
            except Exception as error:  # the SDK's SlackObjectFormationError and friends
                errors.append(f"{type(error).__name__}: {error}")
        failed = failed or bool(errors)
        print(json.dumps({"text": text, "block_types": types, "round_trip": round_trip, "errors": errors}))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
