// Keeps the rendered response body of every request as a Buffer "for auditing". Each one is 2 KB of
// off-heap memory behind a small on-heap object.
const http = require('node:http');

const audit = [];

http.createServer((req, res) => {
  const body = Buffer.alloc(2048, 'x');
  audit.push(body);
  res.end(body.subarray(0, 3));
}).listen(Number(process.env.PORT), '127.0.0.1', () => console.log('buffer listening'));
