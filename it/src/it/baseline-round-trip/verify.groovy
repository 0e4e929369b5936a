import groovy.json.JsonSlurper

def checks = new GroovyShell().parse(new File(itSources, 'checks.groovy'))
def json = new JsonSlurper()

// 1. The baseline holds the known leak by its id, and nothing of V8's own.
def baseline = json.parse(new File(basedir, 'leakgate-baseline.json'))
assert baseline.schemaVersion == 2
def accepted = baseline.accepted.collect { it.leak }
assert accepted.any { it.startsWith('Session via server.js (module) › sessions (Map)') }
assert !accepted.any { it.startsWith('AuditEntry') }
assert accepted.every { !it.startsWith('(compiled') && !it.startsWith('(system)') }

// 2. check passes on the known leak, and shows it as accepted
def known = json.parse(new File(basedir, 'target/leakgate/report.json'))
assert known.verdict == 'PASS'
assert known.leaks.any { it.subject.constructor == 'Session' && it.judgement == 'withinBaseline' && !it.failing }

// 3. a second leak fails, naming only the new one
def second = json.parse(new File(basedir, 'target/leakgate-second-leak/report.json'))
assert second.verdict == 'LEAK'
def failing = second.leaks.findAll { it.failing }
assert failing*.subject*.constructor == ['AuditEntry']
assert failing[0].fixSite == 'server.js:30:5'

// 4. the known leak getting worse fails and says by how much
def worse = json.parse(new File(basedir, 'target/leakgate-worse/report.json'))
assert worse.verdict == 'LEAK'
def session = worse.leaks.find { it.subject.constructor == 'Session' }
assert session.failing && session.acceptedGrowthPerRequest == 1.0 && session.subject.growthPerRequest == 2.0
def log = checks.buildLog(basedir)
assert log.contains('keeps Session objects (+2.00 per request), 1.00 more than the baseline accepts (1.00)')

assert checks.nodeProcessesIn(basedir).isEmpty()
return true
