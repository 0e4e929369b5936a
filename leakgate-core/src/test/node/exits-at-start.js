// An app that dies during startup, as one with a bad configuration does.
console.error('exits-at-start: DATABASE_URL is not set');
process.exit(3);
