def checks = new GroovyShell().parse(new File(itSources, 'checks.groovy'))
def log = checks.buildLog(basedir)

assert log.contains('BUILD SUCCESS')
def report = checks.report(basedir)
assert report.verdict == 'PASS'
// the properties reached the plugin: the requests sent, the rules that let the records pass
def settings = report.settings
assert settings.requests == 'GET /a, POST /b'
assert settings.rules == '2 per-constructor rules'
assert settings.requestsPerRound == '1000'
assert report.load.errors == 0

assert checks.nodeProcessesIn(basedir).isEmpty()
return true
