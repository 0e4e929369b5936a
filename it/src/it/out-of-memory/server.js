// Keeps about 32 KB per request: with a 40 MB heap it runs out of memory within the first measured round.
const http = require('node:http');

const kept = [];

const server = http.createServer((req, res) => {
  kept.push(new Array(4096).fill(kept.length));
  res.writeHead(200, { 'content-type': 'text/plain' });
  res.end('ok\n');
});

server.listen(Number(process.env.PORT), '127.0.0.1', () => {
  console.log(`hungry app listening on ${server.address().port}`);
});
