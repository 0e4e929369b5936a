// An in-memory session store without expiry: every request without a cookie gets a new Session.
const express = require('express');
const crypto = require('node:crypto');

class Session {
  constructor(id) {
    this.id = id;
    this.createdAt = new Date();
    this.cart = [];
  }
}

class SessionStore {
  constructor() {
    this.sessions = new Map();
  }

  create() {
    const session = new Session(crypto.randomUUID());
    this.sessions.set(session.id, session);
    return session;
  }
}

const store = new SessionStore();
const app = express();

app.get('/', (req, res) => {
  const session = store.create();
  res.cookie('sid', session.id, { httpOnly: true }).json({ cart: session.cart });
});

app.listen(Number(process.env.PORT), '127.0.0.1', () => console.log('sessions listening'));
