"""A webhook receiver built on pywa's own machinery, for tests/tests/interop_webhooks.rs.

It listens on 127.0.0.1 (an ephemeral port, printed as `listening on URL`), and for every POST:

1. checks `X-Hub-Signature-256` with pywa's `WhatsApp.webhook_update_validator` (401 when it fails);
2. hands the body, whole, to pywa's `WhatsApp.webhook_update_handler`, which picks the handler by
   the webhook field and builds pywa's update objects (`MessageStatus`,
   `UserMarketingPreferences`); each one built calls back here and is counted;
3. hands each item of the body (one status or preference, with its contact) on its own, in an
   envelope of its own, to the same handler, signed and checked the same way.

`GET /report` answers JSON: POSTs, items in them, what pywa built from the whole bodies and from
the single items, and every problem (an item pywa did not build, a value it read differently).
Standard library and pywa only.
"""

import argparse
import copy
import hashlib
import hmac
import json
import logging
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pywa
from pywa import WhatsApp
from pywa.handlers import MessageStatusHandler, UserMarketingPreferencesHandler

LISTS = ("statuses", "user_preferences")


class Receiver:
    def __init__(self, app_secret: str):
        self.app_secret = app_secret
        self.wa = WhatsApp(
            verify_token="unused",
            app_secret=app_secret,
            validate_updates=True,
            filter_updates=False,
            skip_duplicate_updates=False,
        )
        self.lock = threading.Lock()
        # The updates pywa built during the current hand-over (one at a time, under `lock`).
        self.built = []
        self.wa.add_handlers(
            MessageStatusHandler(self.on_status),
            UserMarketingPreferencesHandler(self.on_preference),
        )
        self.report = {
            "pywa": pywa.__version__,
            "posts": 0,
            "verified": 0,
            "items": 0,
            "whole_built": 0,
            "single_built": 0,
            "kinds": {},
            "problems": [],
        }

    def on_status(self, _wa, status):
        error = status.error
        self.built.append(
            {
                "kind": "status",
                "id": status.id,
                "status": str(status.status),
                "wa_id": status.from_user.wa_id,
                "user_id": status.from_user.bsuid,
                "error_code": error.code if error else None,
                "error_message": error.message if error else None,
                "error_details": error.details if error else None,
                "pricing_category": str(status.pricing.category) if status.pricing else None,
            }
        )

    def on_preference(self, _wa, preference):
        self.built.append(
            {
                "kind": "user_preferences",
                "value": str(preference.value),
                "wa_id": preference.from_user.wa_id,
                "user_id": preference.from_user.bsuid,
            }
        )

    def hand_over(self, body: bytes, signature: str):
        """pywa's check and parse of one body; the updates it built, or a refusal."""
        refused = self.wa.webhook_update_validator(body, signature)
        if refused is not None:
            return None
        self.built = []
        self.wa.webhook_update_handler(body)
        return self.built

    def sign(self, body: bytes) -> str:
        digest = hmac.new(self.app_secret.encode(), body, hashlib.sha256).hexdigest()
        return "sha256=" + digest

    def problem(self, text: str):
        if len(self.report["problems"]) < 50:
            self.report["problems"].append(text)

    def check(self, built: dict, item: dict, contact: dict | None, where: str):
        """What pywa read agrees with what was sent."""
        expected_wa_id = (contact or {}).get("wa_id")
        if built["wa_id"] != expected_wa_id or built["user_id"] != (contact or {}).get("user_id"):
            self.problem(f"{where}: pywa read user {built['wa_id']}/{built['user_id']}, sent {contact}")
        if built["kind"] == "status":
            if built["id"] != item["id"] or built["status"] != item["status"]:
                self.problem(f"{where}: pywa read {built['id']} {built['status']}, sent {item}")
            errors = item.get("errors") or []
            if errors and (
                built["error_code"] != errors[0]["code"]
                or built["error_message"] != errors[0]["message"]
                or built["error_details"] != errors[0]["error_data"]["details"]
            ):
                self.problem(f"{where}: pywa read error {built}, sent {errors[0]}")
        elif built["value"] != item["value"]:
            self.problem(f"{where}: pywa read {built['value']}, sent {item['value']}")

    def post(self, body: bytes, signature: str) -> int:
        with self.lock:
            report = self.report
            report["posts"] += 1
            built = self.hand_over(body, signature)
            if built is None:
                self.problem("a POST failed pywa's signature check")
                return 401
            report["verified"] += 1
            payload = json.loads(body)
            items = []
            for entry in payload.get("entry", []):
                for change in entry.get("changes", []):
                    value = change.get("value", {})
                    contacts = value.get("contacts") or []
                    for name in LISTS:
                        for index, item in enumerate(value.get(name) or []):
                            contact = contacts[index] if index < len(contacts) else None
                            items.append((entry, change, name, item, contact))
            report["items"] += len(items)
            report["whole_built"] += len(built)
            if len(built) != len(items):
                self.problem(f"pywa built {len(built)} updates from a POST of {len(items)} items: {body[:300]!r}")
            for done, (_, _, _, item, contact) in zip(built, items):
                self.check(done, item, contact, "whole POST")
            # Each item on its own, in an envelope of its own.
            for entry, change, name, item, contact in items:
                value = copy.deepcopy(change["value"])
                for other in LISTS:
                    value.pop(other, None)
                value[name] = [item]
                value["contacts"] = [contact] if contact else []
                single = json.dumps(
                    {
                        "object": payload.get("object"),
                        "entry": [{"id": entry.get("id"), "changes": [{"field": change.get("field"), "value": value}]}],
                    }
                ).encode()
                built = self.hand_over(single, self.sign(single))
                if not built:
                    self.problem(f"pywa built nothing from the item {single[:300]!r}")
                    continue
                report["single_built"] += len(built)
                self.check(built[0], item, contact, "single item")
                kind = name if name != "statuses" else "status:" + item["status"]
                report["kinds"][kind] = report["kinds"].get(kind, 0) + 1
            return 200


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--app-secret-file", required=True)
    args = parser.parse_args()
    with open(args.app_secret_file) as file:
        secret = file.read().strip()
    receiver = Receiver(secret)
    # pywa logs a construction failure and carries on: the report counts those as not built.
    logging.basicConfig(level=logging.ERROR, stream=sys.stderr)

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self):
            length = int(self.headers.get("content-length", "0"))
            body = self.rfile.read(length)
            status = receiver.post(body, self.headers.get("x-hub-signature-256"))
            self.send_response(status)
            self.send_header("content-length", "2")
            self.end_headers()
            self.wfile.write(b"ok")

        def do_GET(self):
            with receiver.lock:
                answer = json.dumps(receiver.report).encode()
            self.send_response(200)
            self.send_header("content-type", "application/json")
            self.send_header("content-length", str(len(answer)))
            self.end_headers()
            self.wfile.write(answer)

        def log_message(self, *_):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    print(f"listening on http://127.0.0.1:{server.server_address[1]}/webhook", flush=True)
    server.serve_forever()


if __name__ == "__main__":
    main()
