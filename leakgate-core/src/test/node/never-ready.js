// An app that runs but never listens: only the startup timeout can end the wait.
console.log('never-ready: still warming up');
setInterval(() => {}, 1000);
