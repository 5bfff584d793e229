#!/usr/bin/python3
"""The requests pytest-monitor's client makes of a remote server, in its order, with the same library (requests).

pytest-monitor-requests.py <remote-server URL> <context hash> <session hash> <metric count> <start time ISO>:
  1. GET  <url>/contexts/<h>    (is the execution context known? 200 with {"contexts": [...]}, else 204)
  2. POST <url>/contexts/       (only when unknown; its answer's "h" is used from then on)
  3. POST <url>/sessions/       (session_h, run_date, scm_ref, description as an object)
  4. POST <url>/metrics/        (one per test)
A URL with user info (http://user:key@host/...) is sent as Basic authentication by requests, as pytest-monitor's
own requests do. Prints one JSON line: the status code of every request and the hash the server returned."""
import json
import sys

import requests

url, h, session, count, start = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4]), sys.argv[5]
statuses = []
context = {"cpu_count": 4, "cpu_frequency": 1500.0, "cpu_type": "", "cpu_vendor": "Cortex-A72", "ram_total": 3789,
           "machine_node": "pi-garage.lan", "machine_type": "aarch64", "machine_arch": "64bit",
           "system_info": "Linux - 6.6.51+rpt-rpi-v8", "python_info": "3.11.2 (main, Mar 13 2023, 12:18:29) [GCC 12.2.0]",
           "h": h}

r = requests.get(f"{url}/contexts/{h}")
statuses.append(r.status_code)
remote = None
if r.status_code == 200 and r.json()["contexts"]:
    remote = r.json()["contexts"][0]["h"]
if remote is None and r.status_code in (200, 204):
    r = requests.post(f"{url}/contexts/", json=context)
    statuses.append(r.status_code)
    if r.status_code == 201:
        remote = r.json()["h"]

r = requests.post(f"{url}/sessions/", json={"session_h": session, "run_date": "2026-12-02T09:00:00.000001",
                                             "scm_ref": "4914d195225cf6b1c5a160c555b6948ea1ba2bcd",
                                             "description": {"pipeline_branch": "main", "CI": "true"}})
statuses.append(r.status_code)

for i in range(count):
    r = requests.post(f"{url}/metrics/", json={
        "session_h": session, "context_h": remote, "item_start_time": start, "item_path": "pkg.test_mod",
        "item": f"test_case_{i}", "item_variant": f"test_case_{i}", "item_fs_loc": "pkg/test_mod.py", "kind": "function",
        "component": "", "total_time": 2.5, "user_time": 1.25, "kernel_time": 0.25, "cpu_usage": 0.6, "mem_usage": 1.5})
    statuses.append(r.status_code)

print(json.dumps({"statuses": statuses, "remote_h": remote}), flush=True)
