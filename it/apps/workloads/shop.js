// A shop whose cart needs a session from POST /login, kept in a cookie. Every cart view is recorded in the session:
// without HISTORY_CAP the history grows with every request of a logged-in user.
const http = require('node:http');
const crypto = require('node:crypto');

const HISTORY_CAP = Number(process.env.HISTORY_CAP || Infinity);
const sessions = new Map();

class CartView {
  constructor(url) {
    this.url = url;
    this.at = new Date();
  }
}

function sessionOf(req) {
  const sid = /(?:^|;\s*)sid=([\w-]+)/.exec(req.headers.cookie || '');
  return sid && sessions.get(sid[1]);
}

http.createServer((req, res) => {
  if (req.method === 'POST' && req.url === '/login') {
    const sid = crypto.randomUUID();
    sessions.set(sid, { user: 'shopper', history: [] });
    res.writeHead(204, { 'set-cookie': `sid=${sid}; Path=/; HttpOnly` }).end();
    return;
  }
  const session = sessionOf(req);
  if (!session) {
    res.writeHead(401, { 'content-type': 'text/plain' }).end('log in first\n');
    return;
  }
  session.history.push(new CartView(req.url));
  if (session.history.length > HISTORY_CAP) {
    session.history.shift();
  }
  res.writeHead(200, { 'content-type': 'application/json' });
  res.end(JSON.stringify({ items: [], views: session.history.length }));
}).listen(Number(process.env.PORT), '127.0.0.1', () => console.log('shop listening'));
