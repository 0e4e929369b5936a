// A small order API with the leak most of the seed articles found in the end: an in-memory session store
// that nobody ever prunes. Every request without a cookie creates a Session that stays forever.
const http = require('node:http');
const crypto = require('node:crypto');

class Session {
  constructor(id) {
    this.id = id;
    this.createdAt = new Date();
    this.cart = [];
  }
}

const sessions = new Map();

function sessionFor(req) {
  const cookie = /sid=([\w-]+)/.exec(req.headers.cookie || '');
  if (cookie && sessions.has(cookie[1])) {
    return sessions.get(cookie[1]);
  }
  const session = new Session(crypto.randomUUID());
  sessions.set(session.id, session);
  return session;
}

const server = http.createServer((req, res) => {
  const session = sessionFor(req);
  res.writeHead(200, {
    'content-type': 'application/json',
    'set-cookie': `sid=${session.id}; HttpOnly`,
  });
  res.end(JSON.stringify({ orders: [], session: session.id }));
});

server.listen(Number(process.env.PORT), '127.0.0.1', () => {
  console.log(`demo order API listening on ${server.address().port}`);
});
