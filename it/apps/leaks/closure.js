// Seed article "Debugging Memory Leaks in Node.js Applications": a closure per request, kept in a
// module-level list of tasks that is never drained, keeps the request's headers alive.
const http = require('node:http');

const tasks = [];

function rememberHeaders(req) {
  tasks.push(function readHeaders() {
    return req.headers;
  });
}

http.createServer((req, res) => {
  rememberHeaders(req);
  res.end('ok\n');
}).listen(Number(process.env.PORT), '127.0.0.1', () => console.log('closure listening'));
