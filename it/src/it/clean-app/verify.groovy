def checks = new GroovyShell().parse(new File(itSources, 'checks.groovy'))
def log = checks.buildLog(basedir)

assert log.contains('BUILD SUCCESS')
assert log.contains('leakgate PASS')

def report = checks.report(basedir)
assert report.verdict == 'PASS'
// V8's own bookkeeping may be reported as growing, but never fails the build
assert report.findings.every { !it.failing && it.judgement == 'engineInternal' }
assert report.leaks.every { !it.failing }
assert report.load.requests == 7000
assert report.load.errors == 0
assert report.snapshots.size() == 4

// keepSnapshots=onFailure: a passing run leaves no heap contents on disk
assert new File(basedir, 'target/leakgate/snapshots').listFiles().size() == 0

assert checks.nodeProcessesIn(basedir).isEmpty()
return true
