// Renders pages for the pool in render-pool.js. With keepJobs it keeps every page it ever rendered.
const { parentPort, workerData } = require('node:worker_threads');

class RenderedPage {
  constructor(id, html) {
    this.id = id;
    this.html = html;
  }
}

const keptJobs = [];

parentPort.on('message', (job) => {
  const page = new RenderedPage(job.id, `<h1>${job.title}</h1><p>rendered off the main thread</p>`);
  if (workerData.keepJobs) {
    keptJobs.push(page);
  }
  parentPort.postMessage({ id: job.id, html: page.html });
});
