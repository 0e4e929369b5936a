def checks = new GroovyShell().parse(new File(itSources, 'checks.groovy'))
def log = checks.buildLog(basedir)

assert log.contains('BUILD FAILURE')
assert log.contains('leakgate found a memory leak: server.js (module) › seen › Array grew')
assert log.contains('seen › Array grew by 1.00 references per request; RequestRecord grew by 1.00 objects per request')

def report = checks.report(basedir)
assert report.verdict == 'LEAK'
// the cause first: the array, then what it keeps
assert report.findings[0].shape == 'collection'
assert report.findings[0].retainerPath.endsWith('seen › Array')
def record = report.findings[1]
assert record.constructor == 'RequestRecord'
assert record.failing
assert record.perSnapshot.size() == 4
assert record.survivorsPerRound.size() == 3
assert record.location.startsWith('server.js:')
assert record.allocationStacks.any { it.frames.contains('server.js:') }

assert new File(basedir, 'target/leakgate/report.html').text.contains('RequestRecord')
assert new File(basedir, 'target/leakgate/TEST-leakgate.xml').text.contains('RequestRecord does not grow per request')
assert new File(basedir, 'target/leakgate/app.log').text.contains('leaky app listening')
// keepSnapshots=onFailure keeps the evidence of a failed run
assert new File(basedir, 'target/leakgate/snapshots').listFiles().size() == 4

assert checks.nodeProcessesIn(basedir).isEmpty()
return true
