// A profile lookup that caches every profile it ever built, keyed by user id, and never evicts one: it grows with
// the number of distinct users, which a load of one fixed id never shows. PROFILE_CACHE=lru bounds the cache instead:
// an lru-cache of 500 profiles.
const http = require('node:http');
const { LRUCache } = require('lru-cache');

const profiles = process.env.PROFILE_CACHE === 'lru' ? new LRUCache({ max: 500 }) : new Map();

function loadProfile(id) {
  return { id, name: `user ${id}`, roles: ['reader'], loadedAt: new Date() };
}

http.createServer((req, res) => {
  const match = /^\/users\/(\w+)$/.exec(req.url);
  if (!match) {
    res.writeHead(404).end();
    return;
  }
  let profile = profiles.get(match[1]);
  if (!profile) {
    profile = loadProfile(match[1]);
    profiles.set(match[1], profile);
  }
  res.writeHead(200, { 'content-type': 'application/json' });
  res.end(JSON.stringify(profile));
}).listen(Number(process.env.PORT), '127.0.0.1', () => console.log('profiles listening'));
