// Server-side rendering with jsdom: every request builds a page in a new window whose script starts a clock,
// and the window is never closed (dom.window.close()), so its interval keeps the whole window alive.
const http = require('node:http');
const { JSDOM } = require('jsdom');

const PAGE = `<!DOCTYPE html><html><body>
  <h1>Order summary</h1><ul id="items"></ul><p id="clock"></p>
  <script>setInterval(() => { document.getElementById('clock').textContent = new Date().toISOString(); }, 60000);</script>
</body></html>`;

function renderOrderPage(items) {
  const dom = new JSDOM(PAGE, { runScripts: 'dangerously' });
  const list = dom.window.document.getElementById('items');
  for (const item of items) {
    const li = dom.window.document.createElement('li');
    li.textContent = item;
    list.appendChild(li);
  }
  return dom.serialize();
}

http.createServer((req, res) => {
  res.setHeader('content-type', 'text/html');
  res.end(renderOrderPage(['kettle', 'teapot']));
}).listen(Number(process.env.PORT), '127.0.0.1', () => console.log('jsdom-window listening'));
