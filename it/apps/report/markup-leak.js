// Keeps a plain object per request whose property name is markup: DevTools names such objects by their
// properties, so the leaking "constructor" is {<img src=x onerror=alert(1)>}, which the report must show as text.
const http = require('node:http');

const MARKUP = '<img src=x onerror=alert(1)>';
const kept = [];

const server = http.createServer((req, res) => {
  kept.push({ [MARKUP]: req.url, at: new Date() });
  res.end('ok\n');
});

server.listen(Number(process.env.PORT), '127.0.0.1', () => {
  console.log(`markup app listening on ${server.address().port} <script>alert(2)</script>`);
});
