// One small node:http app for the gate tests; its behaviour is chosen by the first argument:
//   leak     keeps a RequestRecord per request in a module-level array
//   clean    allocates per request but keeps nothing
//   crash    exits with code 3 after 1,500 requests (during the first measured round)
//   fail     answers 503 to every request but the readiness probe's first
//   strings  keeps a string per request ("session-token-<n>")
//   family   like clean, but starts a helper process first and prints its pid
//   hungry   keeps about 16 KB per request, to run out of a small heap
// In every mode GET /stop closes the server, so that the process ends once nothing else keeps it alive.
const http = require('node:http');
const { spawn } = require('node:child_process');
const mode = process.argv[2] || 'clean';

class RequestRecord {
  constructor(url) {
    this.url = url;
    this.at = Date.now();
  }
}

const kept = [];
let served = 0;

if (mode === 'family') {
  const helper = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' });
  console.log(`helper pid ${helper.pid}`);
}

const server = http.createServer((req, res) => {
  if (req.url === '/stop') {
    res.writeHead(200, { connection: 'close' });
    res.end('stopping\n');
    server.close();
    server.closeIdleConnections();
    return;
  }
  served++;
  const record = new RequestRecord(req.url);
  if (mode === 'leak') kept.push(record);
  // Buffer round trip: a flat string, which the heap snapshot names by its value.
  if (mode === 'strings') kept.push(Buffer.from(`session-token-${served}`).toString());
  if (mode === 'hungry') kept.push(new Array(2048).fill(served));
  if (mode === 'crash' && served > 1500) {
    console.error('FATAL: giving up after ' + served + ' requests');
    process.exit(3);
  }
  const status = mode === 'fail' && served > 1 ? 503 : 200;
  res.writeHead(status, { 'content-type': 'text/plain' });
  res.end(status === 200 ? 'ok\n' : 'unavailable\n');
});

server.listen(Number(process.env.PORT), '127.0.0.1', () => {
  console.log(`${mode} app listening on ${server.address().port}`);
});
