def checks = new GroovyShell().parse(new File(itSources, 'checks.groovy'))
def log = checks.buildLog(basedir)

assert log.contains('BUILD FAILURE')
assert log.contains('leakgate could not judge the app: refusing the inspector at ws://192.0.2.10:9229/')
assert log.contains('set allowRemoteInspector=true if the network in between is trusted')
assert !log.contains('Starting ')

def report = checks.report(basedir)
assert report.verdict == 'ERROR'
return true
