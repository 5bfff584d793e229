// A real Socket.IO client (npm socket.io-client 4.8, under Debian's nodejs) for the Socket.IO tests.
//
// node node-client.js <url> <transports> <seconds> [token] [namespace]: like python-client.py (at least <seconds>,
// then until 4 events, at most 60 s more), one JSON line with connected, transport, events, sizes, last or error.
const { io } = require("socket.io-client");

const [url, transports, seconds, token, namespace] = process.argv.slice(2);
const socket = io(url + (namespace && namespace !== "/" ? namespace : ""), {
  transports: transports.split(","),
  auth: token ? { token } : undefined,
  reconnection: false,
  timeout: 10000,
});
const events = [];
const result = { connected: false };
let finished = false;
function finish() {
  if (finished) return;
  finished = true;
  result.events = events.length;
  result.sizes = events.map((e) => JSON.stringify(e).length);
  result.last = events.length ? events[events.length - 1] : null;
  console.log(JSON.stringify(result));
  socket.close();
  process.exit(0);
}
socket.on("tegrastats_update", (data) => events.push(data));
socket.on("connect", () => {
  result.connected = true;
  const start = Date.now();
  const check = setInterval(() => {
    const elapsed = (Date.now() - start) / 1000;
    if (elapsed >= Number(seconds) && (events.length >= 4 || elapsed >= Number(seconds) + 60)) {
      clearInterval(check);
      result.transport = socket.io.engine.transport.name;
      finish();
    }
  }, 50);
});
socket.on("connect_error", (error) => {
  result.error = error.message;
  finish();
});
