// An app that will not stop politely: only SIGKILL ends it.
const http = require('node:http');

process.on('SIGTERM', () => console.log('ignores-sigterm: ignoring SIGTERM'));
const port = Number(process.env.PORT);
http.createServer((request, response) => response.end('stubborn')).listen(port, '127.0.0.1');
