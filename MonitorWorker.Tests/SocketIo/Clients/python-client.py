#!/usr/bin/python3
"""A real Socket.IO client (Debian's python3-socketio) for the Socket.IO tests.

python-client.py <url> <transports> <seconds> [token] [namespace]: connects with the given transports
("polling,websocket" starts on polling and upgrades; "websocket" opens a WebSocket only), counts the
tegrastats_update events received for at least <seconds> and then until it has 4 (at most 60 s more, so a busy
machine that samples late does not fail the test), and prints one JSON line: connected, transport (the one in use at
the end), events, sizes (of each event's JSON), last (the last event's data) or error (why the connect failed)."""
import json
import sys
import time

import socketio

url, transports, seconds = sys.argv[1], sys.argv[2].split(","), float(sys.argv[3])
token = sys.argv[4] if len(sys.argv) > 4 and sys.argv[4] else None
namespace = sys.argv[5] if len(sys.argv) > 5 else "/"

client = socketio.Client(reconnection=False)
events = []


@client.on("tegrastats_update", namespace=namespace)
def on_update(data):
    events.append(data)


result = {"connected": False}
try:
    client.connect(url, transports=transports, namespaces=[namespace], auth={"token": token} if token else None,
                   wait_timeout=10)
    result["connected"] = True
    start = time.monotonic()
    while client.connected and (time.monotonic() < start + seconds or (len(events) < 4 and time.monotonic() < start + seconds + 60)):
        client.sleep(0.05)
    result["transport"] = client.transport()
    client.disconnect()
except socketio.exceptions.ConnectionError as error:
    result["error"] = str(error)
result["events"] = len(events)
result["sizes"] = [len(json.dumps(e)) for e in events]
result["last"] = events[-1] if events else None
print(json.dumps(result), flush=True)
