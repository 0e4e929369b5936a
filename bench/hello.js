// The server both load generators drive in load-vs-autocannon.sh: Node's own http module, nothing else.
// Listens on a free loopback port and prints "listening <port>" once ready.
'use strict';
const http = require('node:http');

const server = http.createServer((req, res) => {
  res.writeHead(200, { 'Content-Type': 'text/plain' });
  res.end('hello world');
});

server.listen(0, '127.0.0.1', () => console.log('listening ' + server.address().port));
