// An app that reads its standard input to the end, which the parent watchdog must leave alone.
let text = '';
process.stdin.setEncoding('utf8');
process.stdin.on('data', (chunk) => { text += chunk; });
process.stdin.on('end', () => console.log(`reads-stdin: read '${text.trim()}'`));
