package dev.leakgate.process;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds the Node executable before anything is started, so that a wrong {@code node} setting fails
 * with the places that were searched rather than with "error=2".
 */
final class NodeExecutable {

    private NodeExecutable() {
    }

    /**
     * @param node          a bare name, looked up on the PATH, or a path, resolved against {@code baseDirectory}
     * @param baseDirectory where relative paths start
     */
    static Path locate(String node, Path baseDirectory) throws LaunchException {
        if (node.isBlank()) {
            throw new LaunchException("node is empty: set it to the Node executable, e.g. 'node' or '/usr/local/bin/node'.");
        }
        return isBareName(node) ? searchPath(node) : checkPath(node, baseDirectory);
    }

    private static boolean isBareName(String node) {
        return node.indexOf('/') < 0 && node.indexOf(File.separatorChar) < 0;
    }

    private static Path checkPath(String node, Path baseDirectory) throws LaunchException {
        Path path;
        try {
            path = baseDirectory.resolve(node).toAbsolutePath().normalize();
        } catch (InvalidPathException e) {
            throw new LaunchException("node '" + node + "' is not a valid path: " + e.getMessage());
        }
        if (!Files.isRegularFile(path)) {
            throw new LaunchException("The Node executable " + path + " does not exist (node = '" + node + "').");
        }
        if (!Files.isExecutable(path)) {
            throw new LaunchException("The Node executable " + path + " is not executable (node = '" + node + "').");
        }
        return path;
    }

    private static Path searchPath(String name) throws LaunchException {
        List<String> directories = pathDirectories();
        for (String directory : directories) {
            for (String candidate : candidateNames(name)) {
                try {
                    Path path = Path.of(directory, candidate);
                    if (Files.isRegularFile(path) && Files.isExecutable(path)) {
                        return path.toAbsolutePath();
                    }
                } catch (InvalidPathException skipped) {
                    // A malformed PATH entry cannot hold Node.
                }
            }
        }
        throw new LaunchException("The Node executable '" + name + "' was not found on the PATH (searched "
                + (directories.isEmpty() ? "nothing: PATH is empty" : String.join(File.pathSeparator, directories))
                + "). Install Node 18 or newer, or set node to the full path of the executable.");
    }

    private static List<String> pathDirectories() {
        String path = System.getenv("PATH");
        List<String> directories = new ArrayList<>();
        if (path != null) {
            for (String entry : path.split(File.pathSeparator)) {
                if (!entry.isEmpty()) {
                    directories.add(entry);
                }
            }
        }
        return directories;
    }

    /** On Windows "node" is node.exe; PATHEXT, set only there, lists the extensions that make a name runnable. */
    private static List<String> candidateNames(String name) {
        List<String> names = new ArrayList<>(List.of(name));
        String extensions = System.getenv("PATHEXT");
        if (extensions != null) {
            for (String extension : extensions.split(File.pathSeparator)) {
                if (!extension.isEmpty()) {
                    names.add(name + extension.toLowerCase(java.util.Locale.ROOT));
                }
            }
        }
        return names;
    }
}
