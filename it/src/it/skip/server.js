// Must never run: the skip project proves that leakgate.skip starts no Node process.
require('node:fs').writeFileSync(require('node:path').join(__dirname, 'app-was-started'), String(process.pid));
