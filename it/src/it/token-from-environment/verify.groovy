// A bearer token given as {{env.API_TOKEN}} opens the API (the run passes with no failed request) and appears
// nowhere leakgate writes: not in the build log, not in any file of the output directory.
def checks = new GroovyShell().parse(new File(itSources, 'checks.groovy'))
def token = 'lg-invoker-5d1e0b7a93c4-secret'
def log = checks.buildLog(basedir)
assert log.contains('BUILD SUCCESS')
assert log.contains('leakgate PASS')
assert !log.contains(token)
def report = checks.report(basedir)
assert report.verdict == 'PASS'
assert report.load.phases.every { it.errors == 0 }
new File(basedir, 'target/leakgate').eachFileRecurse(groovy.io.FileType.FILES) { file ->
    assert !file.text.contains(token) : "${file} shows the token"
}
assert checks.nodeProcessesIn(basedir).isEmpty()
return true
