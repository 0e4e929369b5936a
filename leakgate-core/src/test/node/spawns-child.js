// An app that starts a helper process, as apps with workers or a bundled sidecar do.
const { spawn } = require('node:child_process');
const http = require('node:http');

const child = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'inherit' });
console.log(`spawns-child: child pid ${child.pid}`);

const port = Number(process.env.PORT);
http.createServer((request, response) => response.end('parent')).listen(port, '127.0.0.1');
