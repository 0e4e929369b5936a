// The leaky-array app with the leak fixed: nothing outlives its request.
const http = require('node:http');

class RequestRecord {
  constructor(method, url) {
    this.method = method;
    this.url = url;
    this.at = Date.now();
  }
}

let served = 0;

const server = http.createServer((req, res) => {
  const record = new RequestRecord(req.method, req.url);
  served++;
  res.writeHead(200, { 'content-type': 'text/plain' });
  res.end(`ok ${record.method} ${served}\n`);
});

server.listen(Number(process.env.PORT), '127.0.0.1', () => {
  console.log(`clean app listening on ${server.address().port}`);
});
