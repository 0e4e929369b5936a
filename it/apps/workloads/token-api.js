// An API that answers only requests that carry its token: Authorization: Bearer <API_TOKEN>.
const http = require('node:http');

const expected = `Bearer ${process.env.API_TOKEN}`;

http.createServer((req, res) => {
  if (!process.env.API_TOKEN || req.headers.authorization !== expected) {
    res.writeHead(401, { 'content-type': 'text/plain' }).end('unauthorized\n');
    return;
  }
  res.writeHead(200, { 'content-type': 'application/json' });
  res.end('{"ok":true}\n');
}).listen(Number(process.env.PORT), '127.0.0.1', () => console.log('token api listening'));
