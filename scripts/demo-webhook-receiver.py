#!/usr/bin/env python3
"""A stand-in for a dispatch system in the demo: prints one line per alert the webhook posts."""
import json
import sys
from http.server import BaseHTTPRequestHandler, HTTPServer


class Receiver(BaseHTTPRequestHandler):
    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
        try:
            alert = json.loads(body)
            plate = alert.get("hot_plate", {}).get("plate", "?")
            print(f"[dispatch] webhook alert {alert.get('hit_id', '?')}: plate {plate} "
                  f"({alert.get('match_kind', '?')}), {len(body)} bytes with images", flush=True)
            self.send_response(200)
        except json.JSONDecodeError:
            self.send_response(400)
        self.end_headers()

    def log_message(self, *args):  # one line per alert is enough
        pass


if __name__ == "__main__":
    HTTPServer(("127.0.0.1", int(sys.argv[1]) if len(sys.argv) > 1 else 8090), Receiver).serve_forever()
