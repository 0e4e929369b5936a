def checks = new GroovyShell().parse(new File(itSources, 'checks.groovy'))
def log = checks.buildLog(basedir)

assert log.contains('BUILD FAILURE')
assert log.contains('leakgate CRASH: the app was killed by signal 6 (SIGABRT')
assert log =~ /during round 1 after [\d,]+ of 2,000 requests/
assert log =~ /\[app] FATAL ERROR: .* - JavaScript heap out of memory/
// The inspector's own lines stay in app.log, out of the build log.
assert !log.contains('Debugger listening on')

def report = checks.report(basedir)
assert report.verdict == 'CRASH'
assert report.reason ==~ /.* Last output: FATAL ERROR: .* - JavaScript heap out of memory/
// What was measured before the crash is in the report: the warm-up, the baseline, the round that died.
assert report.load.phases*.phase == ['warm-up', 'round 1']
assert report.snapshots*.label == ['baseline']

assert new File(basedir, 'target/leakgate/report.html').text.contains('JavaScript heap out of memory')
def appLog = new File(basedir, 'target/leakgate/app.log').text
assert appLog.contains('hungry app listening')
assert appLog.contains('Debugger listening on')

assert checks.nodeProcessesIn(basedir).isEmpty()
return true
