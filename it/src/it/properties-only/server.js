// Keeps one RequestRecord per POST /b and answers only the paths the properties name, so the run passes only
// when -Dleakgate.requests was applied (anything else is a 404, above maxErrorRate) and the
// -Dleakgate.rules limits were (without them the records are a leak).
const http = require('node:http');

class RequestRecord {
  constructor(number) {
    this.number = number;
  }
}

const kept = [];
const paths = new Set(['GET /', 'GET /a', 'POST /b']);

const server = http.createServer((req, res) => {
  const request = `${req.method} ${req.url}`;
  req.resume();
  req.on('end', () => {
    if (!paths.has(request)) {
      res.writeHead(404).end();
      return;
    }
    if (request === 'POST /b') {
      kept.push(new RequestRecord(kept.length));
    }
    res.writeHead(200, { 'content-type': 'text/plain' });
    res.end('ok\n');
  });
});

server.listen(Number(process.env.PORT), '127.0.0.1', () => {
  console.log(`properties-only app listening on ${server.address().port}`);
});
