#!/usr/bin/env python3
"""Serves a fleet of fake peers on consecutive loopback ports for bench/fleet-scale.sh.

fake-fleet.py <first-port> <count> <hanging> <stats-file> [<path> <content-type>]: ports first..first+count-1; the last
<hanging> of them accept connections and never answer, the others answer GET /stats (or <path>) with the body in
<stats-file> (a real /stats answer, or a board's Prometheus text) and 404 to anything else, one request per connection.
Uses only the standard library; one thread, asyncio."""
import asyncio
import sys


async def main() -> None:
    first, count, hanging = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3])
    with open(sys.argv[4], "rb") as f:
        body = f.read()
    wanted = sys.argv[5].encode() if len(sys.argv) > 5 else b"/stats"
    kind = sys.argv[6].encode() if len(sys.argv) > 6 else b"application/json"
    ok = b"HTTP/1.1 200 OK\r\nContent-Type: " + kind + b"\r\nContent-Length: %d\r\n\r\n" % len(body) + body
    missing = b"HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n"

    async def answer(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        # One request per connection, closed after the answer: what HTTP/1.0 and "Connection: close" ask for, and
        # what the poller waits for before it reads the body.
        try:
            head = await reader.readuntil(b"\r\n\r\n")
            path = head.split(b" ", 2)[1]
            writer.write(ok if path == wanted else missing)
            await writer.drain()
        except (asyncio.IncompleteReadError, ConnectionError, asyncio.LimitOverrunError, IndexError):
            pass
        writer.close()

    async def hang(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            while await reader.read(4096):
                pass
        except ConnectionError:
            pass
        writer.close()

    servers = []
    for i in range(count):
        handler = hang if i >= count - hanging else answer
        servers.append(await asyncio.start_server(handler, "127.0.0.1", first + i))
    print(f"serving {count} peers on 127.0.0.1:{first}-{first + count - 1}, {hanging} hanging", flush=True)
    await asyncio.gather(*(s.serve_forever() for s in servers))


asyncio.run(main())
