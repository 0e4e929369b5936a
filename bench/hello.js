// The server both load generators drive in load-vs-autocannon.sh: Node's own http module, nothing else.
// Listens on a free loopback port and prints "listening <port>" once ready.
'use strict';
const http = require('node:http');

// The classic benchmark server: the body is sent with its Content-Length in one write.
const server = http.createServer((req, res) => res.end('hello world'));

server.listen(0, '127.0.0.1', () => console.log('listening ' + server.address().port));
