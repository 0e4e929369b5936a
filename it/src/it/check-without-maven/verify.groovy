// The Maven goal and the command line's check, given the same settings, come to the same verdict and leaks.
def checks = new GroovyShell().parse(new File(itSources, 'checks.groovy'))
def log = checks.buildLog(basedir)
assert log.contains('BUILD SUCCESS')
assert log.contains('failOnLeak=false: the build goes on')
def fromMaven = checks.report(basedir)

def cliReport = new File(basedir, 'target/cli-report')
def java = new File(System.getProperty('java.home'), 'bin/java').path
def check = new ProcessBuilder(java, '-jar', cliJar, 'check', '--config', 'leakgate.json', '--fail-on-leak', 'true',
        '--out', cliReport.path).directory(basedir).redirectErrorStream(true)
        .redirectOutput(new File(basedir, 'check.log')).start()
assert check.waitFor() == 1 : new File(basedir, 'check.log').text
def fromCli = new groovy.json.JsonSlurper().parse(new File(cliReport, 'report.json'))

def leaksOf = { report -> report.leaks.collect { [it.id, it.title, it.fixSite, it.failing] } }
assert fromMaven.verdict == 'LEAK'
assert fromCli.verdict == fromMaven.verdict
assert leaksOf(fromCli).findAll { it[3] } == leaksOf(fromMaven).findAll { it[3] }
assert leaksOf(fromMaven).find { it[3] }[2] == 'server.js:18:5'
assert fromCli.settings == fromMaven.settings
assert checks.nodeProcessesIn(basedir).isEmpty()
return true
