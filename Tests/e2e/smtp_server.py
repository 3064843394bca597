"""A real SMTP server (aiosmtpd) for the SMTP client's tests.

Serves 127.0.0.1 on the given port (0 picks a free one) and prints `listening on PORT` first.
Offers STARTTLS with a self-signed certificate made at start (unless --no-tls), or TLS from the
first byte with --implicit-tls; with --user and --password it offers AUTH PLAIN and LOGIN
(--auth-mechanism keeps one) only over TLS. Recipients at refused.example get 550, at busy.example 451.
With --silent it accepts connections and never says a word, for the client's reply timeout.

Every message received is appended to --out as one JSON line:
  {"mail_from", "rcpt_tos", "data" (the raw message), "parsed" (what parse_mail.py reads in it), "tls", "authenticated_as"}.
With --auth-log, every AUTH command is appended there as {"tls": bool}, whether or not it succeeds,
so a test can tell that no credential was sent over plain text.
"""

import argparse
import asyncio
import datetime
import ipaddress
import json
import ssl
import tempfile

from aiosmtpd.smtp import SMTP, AuthResult
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from parse_mail import parsed


def self_signed_context(directory):
    """A server TLS context with a fresh certificate for localhost and 127.0.0.1."""
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "localhost")])
    now = datetime.datetime.now(datetime.timezone.utc)
    certificate = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(minutes=5))
        .not_valid_after(now + datetime.timedelta(days=1))
        .add_extension(
            x509.SubjectAlternativeName([x509.DNSName("localhost"), x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]),
            critical=False,
        )
        .sign(key, hashes.SHA256())
    )
    cert_path, key_path = f"{directory}/cert.pem", f"{directory}/key.pem"
    with open(cert_path, "wb") as file:
        file.write(certificate.public_bytes(serialization.Encoding.PEM))
    with open(key_path, "wb") as file:
        file.write(key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()))
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert_path, key_path)
    return context


def append(path, record):
    with open(path, "a", encoding="utf-8") as file:
        file.write(json.dumps(record) + "\n")


class Recorder:
    """The aiosmtpd handler: refuses the test domains, records every message."""

    def __init__(self, args):
        self.args = args

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        domain = address.rpartition("@")[2].lower()
        if domain == "refused.example":
            return "550 5.1.1 No such user here"
        if domain == "busy.example":
            return "451 4.3.0 Try again later"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        append(self.args.out, {
            "mail_from": envelope.mail_from,
            "rcpt_tos": envelope.rcpt_tos,
            "data": envelope.content.decode("utf-8", "replace"),
            "parsed": parsed(envelope.content),
            "tls": self.args.implicit_tls or session.ssl is not None,
            "authenticated_as": session.auth_data.login.decode() if session.authenticated else None,
        })
        return "250 Message accepted for delivery"


class RecordingSMTP(SMTP):
    """aiosmtpd's server, noting each AUTH attempt and whether TLS was on when it came."""

    def __init__(self, *args, auth_log=None, implicit_tls=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.auth_log = auth_log
        self.implicit_tls = implicit_tls

    async def smtp_AUTH(self, arg):
        if self.auth_log:
            append(self.auth_log, {"tls": self.implicit_tls or self._tls_protocol is not None})
        await super().smtp_AUTH(arg)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("port", nargs="?", type=int, default=0)
    parser.add_argument("--out", required=True)
    parser.add_argument("--auth-log")
    parser.add_argument("--user")
    parser.add_argument("--password")
    parser.add_argument("--auth-mechanism", action="append", help="offer only these mechanisms (PLAIN, LOGIN)")
    parser.add_argument("--require-starttls", action="store_true")
    parser.add_argument("--implicit-tls", action="store_true")
    parser.add_argument("--no-tls", action="store_true")
    parser.add_argument("--silent", action="store_true")
    args = parser.parse_args()

    def authenticate(server, session, envelope, mechanism, auth_data):
        valid = auth_data.login == (args.user or "").encode() and auth_data.password == (args.password or "").encode()
        # handled=False: a refusal gets aiosmtpd's own 535 reply.
        return AuthResult(success=valid and args.user is not None, handled=False, auth_data=auth_data)

    directory = tempfile.mkdtemp(prefix="tenure-smtp-")
    context = None if args.no_tls else self_signed_context(directory)
    excluded = [m for m in ("PLAIN", "LOGIN") if args.auth_mechanism and m not in args.auth_mechanism]

    def protocol():
        return RecordingSMTP(
            Recorder(args),
            hostname="smtp.test",
            tls_context=None if args.implicit_tls else context,
            require_starttls=args.require_starttls,
            authenticator=authenticate,
            # Over implicit TLS aiosmtpd does not know it is encrypted: every command there is.
            auth_require_tls=not args.implicit_tls,
            auth_exclude_mechanism=excluded,
            auth_log=args.auth_log,
            implicit_tls=args.implicit_tls,
        )

    async def say_nothing(reader, writer):
        await reader.read()

    loop = asyncio.new_event_loop()
    if args.silent:
        starting = asyncio.start_server(say_nothing, "127.0.0.1", args.port)
    else:
        starting = loop.create_server(protocol, "127.0.0.1", args.port, ssl=context if args.implicit_tls else None)
    server = loop.run_until_complete(starting)
    print(f"listening on {server.sockets[0].getsockname()[1]}", flush=True)
    loop.run_forever()


if __name__ == "__main__":
    main()
