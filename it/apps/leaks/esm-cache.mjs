// An ES module caching every rendered page by its full URL, query string included: with a cache-buster or
// tracking parameter that differs per request, the cache only grows.
import http from 'node:http';

const rendered = new Map();
let served = 0;

function renderPage(url) {
  return `<html><body><h1>${url}</h1><p>rendered for the cache</p></body></html>`;
}

const server = http.createServer((req, res) => {
  const url = `${req.url}?v=${served++}`;
  let page = rendered.get(url);
  if (page === undefined) {
    page = renderPage(url);
    rendered.set(url, page);
  }
  res.end(page);
});

// A heartbeat and the server keep closures of this module alive too, so the module is reachable along more than one way.
setInterval(() => server.getConnections(() => {}), 3_600_000).unref();
server.listen(Number(process.env.PORT), '127.0.0.1', () => console.log('esm-cache listening'));
