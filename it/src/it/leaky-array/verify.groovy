def checks = new GroovyShell().parse(new File(itSources, 'checks.groovy'))
def log = checks.buildLog(basedir)

assert log.contains('BUILD FAILURE')
assert log.contains('leakgate found a memory leak: RequestRecord')

def report = checks.report(basedir)
assert report.verdict == 'LEAK'
assert report.findings[0].constructor == 'RequestRecord'
assert report.findings[0].perSnapshot.size() == 4
assert report.findings[0].location.startsWith('server.js:')

assert new File(basedir, 'target/leakgate/report.html').text.contains('RequestRecord')
assert new File(basedir, 'target/leakgate/TEST-leakgate.xml').text.contains('RequestRecord does not grow per request')
assert new File(basedir, 'target/leakgate/app.log').text.contains('leaky app listening')
// keepSnapshots=onFailure keeps the evidence of a failed run
assert new File(basedir, 'target/leakgate/snapshots').listFiles().size() == 4

assert checks.nodeProcessesIn(basedir).isEmpty()
return true
