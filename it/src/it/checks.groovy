// Shared assertions of the end-to-end projects; each verify.groovy loads this file with
//   def checks = new GroovyShell().parse(new File(itSources, 'checks.groovy'))
import groovy.json.JsonSlurper
import java.nio.file.Files
import java.nio.file.Path

/** Node processes whose working directory is the project: the gate must have stopped all of them. */
List<String> nodeProcessesIn(File project) {
    Path dir = project.toPath().toRealPath()
    def found = []
    new File('/proc').eachFileMatch(~/\d+/) { proc ->
        try {
            Path cwd = Files.readSymbolicLink(new File(proc, 'cwd').toPath())
            String cmdline = new File(proc, 'cmdline').text.replace('\u0000' as char, ' ' as char)
            if (cwd.startsWith(dir) && cmdline =~ /(^|\/)node\s/) {
                found << "${proc.name}: ${cmdline}"
            }
        } catch (IOException ignored) {
            // the process ended while we looked, or is not ours to inspect
        }
    }
    return found
}

def report(File project) {
    return new JsonSlurper().parse(new File(project, 'target/leakgate/report.json'))
}

String buildLog(File project) {
    return new File(project, 'build.log').text
}
