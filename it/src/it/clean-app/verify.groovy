def checks = new GroovyShell().parse(new File(itSources, 'checks.groovy'))
def log = checks.buildLog(basedir)

assert log.contains('BUILD SUCCESS')
assert log.contains('leakgate PASS')

def report = checks.report(basedir)
assert report.verdict == 'PASS'
assert report.findings.isEmpty()
assert report.load.requests == 7000
assert report.load.errors == 0
assert report.snapshots.size() == 4

// keepSnapshots=onFailure: a passing run leaves no heap contents on disk
assert new File(basedir, 'target/leakgate/snapshots').listFiles().size() == 0

assert checks.nodeProcessesIn(basedir).isEmpty()
return true
