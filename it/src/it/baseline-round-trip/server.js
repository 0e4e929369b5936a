// A service that already leaks (a Session per request in a Map nobody prunes). Its team records that leak as
// the baseline; the gate must then pass it, but fail on a second leak (scriptArgs "second-leak") or when the
// known one gets worse (scriptArgs "worse").
const http = require('node:http');

class Session {
  constructor(id) {
    this.id = id;
  }
}

class AuditEntry {
  constructor(url) {
    this.url = url;
  }
}

const mode = process.argv[2] || 'known-leak';
const sessions = new Map();
const auditLog = [];
let served = 0;

http.createServer((req, res) => {
  served++;
  sessions.set(served, new Session(served));
  if (mode === 'worse') {
    sessions.set(-served, new Session(-served));
  }
  if (mode === 'second-leak') {
    auditLog.push(new AuditEntry(req.url));
  }
  res.end('ok\n');
}).listen(Number(process.env.PORT), '127.0.0.1', () => console.log(`${mode} app listening`));
