def checks = new GroovyShell().parse(new File(itSources, 'checks.groovy'))
def log = checks.buildLog(basedir)

assert log.contains('BUILD SUCCESS')
assert log.contains('leakgate is skipped')
assert !new File(basedir, 'app-was-started').exists()
assert !new File(basedir, 'target/leakgate').exists()
return true
