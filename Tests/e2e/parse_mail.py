"""What a mail reader sees in a raw RFC 5322 message, read with Python's email package.

smtp_server.py records `parsed(raw)` with every message it receives; run as a script, this prints it for the
message in the file named by the first argument. As JSON: {"content_type", "headers": {name: decoded value},
"parts": [{"content_type", "charset", "transfer_encoding", "text"}], "defects": [what the parser found wrong]}.
"""

import email
import email.policy
import json
import sys


def parsed(raw):
    message = email.message_from_bytes(raw, policy=email.policy.default)
    parts = [part for part in message.walk() if not part.is_multipart()]
    return {
        "content_type": message.get_content_type(),
        "headers": {name: str(value) for name, value in message.items()},
        "parts": [
            {
                "content_type": part.get_content_type(),
                "charset": part.get_content_charset(),
                "transfer_encoding": part.get("Content-Transfer-Encoding"),
                "text": part.get_content(),
            }
            for part in parts
        ],
        "defects": [repr(defect) for part in message.walk() for defect in part.defects],
    }


if __name__ == "__main__":
    with open(sys.argv[1], "rb") as file:
        print(json.dumps(parsed(file.read())))
