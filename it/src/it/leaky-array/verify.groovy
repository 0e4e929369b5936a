def checks = new GroovyShell().parse(new File(itSources, 'checks.groovy'))
def log = checks.buildLog(basedir)

assert log.contains('BUILD FAILURE')
// The failure leads with the line to change and what it keeps.
assert log.contains('leakgate: 1 leak: server.js:15:3 seen.push keeps RequestRecord objects (+1.00 per request)')
assert log.contains('kept by   server.js (module) › seen (Array) › [')

def report = checks.report(basedir)
assert report.schemaVersion == 2
assert report.verdict == 'LEAK'
def failing = report.leaks.findAll { it.failing }
assert failing.size() == 1
def leak = failing[0]
assert leak.fixSite == 'server.js:15:3'
assert leak.fix.code == 'seen.push(new RequestRecord(req.method, req.url));'
assert leak.title == 'seen.push keeps RequestRecord objects (+1.00 per request)'
assert leak.retainerPath ==~ /server\.js \(module\) › seen \(Array\) › \[\d+\] › RequestRecord/
assert leak.thread == 'main'
// the cause first: the array, then what it keeps
assert leak.findings[0].shape == 'collection'
assert leak.findings*.constructor.contains('RequestRecord')
assert leak.allocationStacks.any { stack -> stack.frames.any { (it.location ?: '').startsWith('server.js:') } }
def record = report.findings.find { it.constructor == 'RequestRecord' }
assert record.failing
assert record.leak == leak.id
assert record.perSnapshot.size() == 4
assert record.survivorsPerRound.size() == 3
assert record.location.startsWith('server.js:')

assert new File(basedir, 'target/leakgate/report.html').text.contains('seen.push keeps RequestRecord objects')
assert new File(basedir, 'target/leakgate/TEST-leakgate.xml').text.contains('name="RequestRecord via server.js (module) › seen (Array)"')
assert new File(basedir, 'target/leakgate/app.log').text.contains('leaky app listening')
// keepSnapshots=onFailure keeps the evidence of a failed run: the rounds' and the diagnosis'
assert new File(basedir, 'target/leakgate/snapshots').listFiles().size() == 5

assert checks.nodeProcessesIn(basedir).isEmpty()
return true
