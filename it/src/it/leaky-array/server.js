// Keeps one RequestRecord per request in a module-level array: the leak of the seed articles.
const http = require('node:http');

class RequestRecord {
  constructor(method, url) {
    this.method = method;
    this.url = url;
    this.at = Date.now();
  }
}

const seen = [];

const server = http.createServer((req, res) => {
  seen.push(new RequestRecord(req.method, req.url));
  res.writeHead(200, { 'content-type': 'text/plain' });
  res.end('ok\n');
});

server.listen(Number(process.env.PORT), '127.0.0.1', () => {
  console.log(`leaky app listening on ${server.address().port}`);
});
