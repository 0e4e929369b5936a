package dev.leakgate.cli;

import dev.leakgate.settings.Parameter;
import dev.leakgate.settings.Parameters;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

/**
 * {@code java -jar leakgate-cli.jar <command> ...}: the gate without Maven, its analysis for snapshots taken
 * elsewhere, and its load generator for any URL. Exit codes: 0 pass, 1 leak or crash, 2 error.
 */
public final class Main {

    public static final int PASS = 0;
    public static final int LEAK = 1;
    public static final int ERROR = 2;

    private final Map<String, Command> commands;
    private final PrintStream out;
    private final PrintStream err;

    public Main(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
        this.commands = Map.of(
                "check", new CheckCommand(),
                "compare", new CompareCommand(),
                "load", new LoadCommand());
    }

    public static void main(String[] args) {
        if (args.length > 0 && args[0].equals("compare") && SizedJvm.wanted()) {
            OptionalInt sized = SizedJvm.run(args);
            if (sized.isPresent()) {
                System.exit(sized.getAsInt());
            }
        }
        System.exit(new Main(System.out, System.err).run(args));
    }

    public int run(String... args) {
        if (args.length == 0 || args[0].equals("--help") || args[0].equals("-h") || args[0].equals("help")) {
            usage(args.length == 0 ? err : out);
            if (args.length > 0) {
                parameters(out);
            }
            return args.length == 0 ? ERROR : PASS;
        }
        Command command = commands.get(args[0]);
        if (command == null) {
            err.println("leakgate: unknown command '" + args[0] + "'");
            usage(err);
            return ERROR;
        }
        List<String> rest = List.of(Arrays.copyOfRange(args, 1, args.length));
        if (rest.contains("--help") || rest.contains("-h")) {
            out.println("usage: java -jar leakgate-cli.jar " + command.usage());
            if (args[0].equals("check")) {
                parameters(out);
            }
            return PASS;
        }
        try {
            return command.run(new Arguments(rest, command.flags()), out, err);
        } catch (UsageException e) {
            err.println("leakgate " + args[0] + ": " + e.getMessage());
            err.println("usage: " + command.usage());
            return ERROR;
        } catch (RuntimeException e) {
            // A fault of ours, not of the input: one line that can be quoted in a bug report, no stack trace.
            err.println("leakgate " + args[0] + ": internal error: " + e);
            return ERROR;
        }
    }

    private void usage(PrintStream stream) {
        stream.println("usage: java -jar leakgate-cli.jar <command> ...");
        commands.values().stream().map(Command::usage).sorted().forEach(line -> stream.println("  " + line));
        stream.println("  help");
    }

    /** The parameters of {@code check}, with the defaults the Maven goal has too. */
    private static void parameters(PrintStream stream) {
        stream.println();
        stream.println("check's parameters, the Maven goal's too. Each is a flag (--requests-per-round 500) and a key of");
        stream.println("the --config JSON file ({\"requestsPerRound\": 500}); lists are comma-separated as flags, maps go");
        stream.println("in the file only. Flags win over the file.");
        for (Parameter<?> parameter : Parameters.ALL) {
            String flag = parameter.isMap() ? "(in --config only)" : "--" + parameter.flag();
            stream.printf("  %-28s %-24s default: %s%n      %s%n", flag, "\"" + parameter.name() + "\"",
                    parameter.defaultText(), parameter.meaning());
        }
    }
}
