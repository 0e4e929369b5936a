import groovy.json.JsonSlurper

def checks = new GroovyShell().parse(new File(itSources, 'checks.groovy'))
def json = new JsonSlurper()

// 1. The baseline holds the known leak, and nothing of V8's own.
def baseline = json.parse(new File(basedir, 'leakgate-baseline.json'))
assert baseline.schemaVersion == 1
def accepted = baseline.accepted.collect { it.constructor }
assert accepted.contains('Session')
assert !accepted.contains('AuditEntry')
assert accepted.every { !it.startsWith('(compiled') && it != '(system)' }

// 2. check passes on the known leak, and shows it as accepted
def known = json.parse(new File(basedir, 'target/leakgate/report.json'))
assert known.verdict == 'PASS'
assert known.findings.any { it.constructor == 'Session' && it.judgement == 'withinBaseline' && !it.failing }

// 3. a second leak fails, naming only the new one
def second = json.parse(new File(basedir, 'target/leakgate-second-leak/report.json'))
assert second.verdict == 'LEAK'
def failing = second.findings.findAll { it.failing }
assert failing*.constructor.contains('AuditEntry')
assert !failing*.constructor.contains('Session')
assert failing.every { !(it.retainerPath ?: '').contains('sessions') }

// 4. the known leak getting worse fails and says by how much
def worse = json.parse(new File(basedir, 'target/leakgate-worse/report.json'))
assert worse.verdict == 'LEAK'
def session = worse.findings.find { it.constructor == 'Session' }
assert session.failing && session.acceptedGrowthPerRequest == 1.0 && session.growthPerRequest == 2.0
def log = checks.buildLog(basedir)
assert log.contains('Session grew by 2.00 objects per request, 1.00 more than the baseline accepts (1.00)')

assert checks.nodeProcessesIn(basedir).isEmpty()
return true
