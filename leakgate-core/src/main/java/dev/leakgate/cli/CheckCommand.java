package dev.leakgate.cli;

import dev.leakgate.gate.Console;
import dev.leakgate.run.Leakgate;
import dev.leakgate.settings.ConfigFile;
import dev.leakgate.settings.InvalidSettingsException;
import dev.leakgate.settings.Parameter;
import dev.leakgate.settings.Parameters;
import dev.leakgate.settings.Settings;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Optional;

/**
 * {@code check}: the Maven goal's gate without Maven, with the same parameters (each a kebab-case flag, lists and
 * maps in a {@code --config} JSON file), the same defaults and the same reports.
 */
final class CheckCommand implements Command {

    @Override
    public String usage() {
        return "check [--config FILE] [--<parameter> VALUE ...] [--out DIR]   (parameters: help)";
    }

    @Override
    public int run(Arguments arguments, PrintStream out, PrintStream err) throws UsageException {
        if (!arguments.positional().isEmpty()) {
            throw new UsageException("takes no file or URL, only options: '" + arguments.positional().get(0) + "'");
        }
        Leakgate leakgate = Leakgate.forThisProcess(console(out, err));
        Settings.Builder settings = Settings.forCommandLine(Path.of(""));
        Optional<String> config = arguments.option("config");
        if (config.isPresent()) {
            try {
                settings.json(new ConfigFile().read(Path.of(config.get())));
            } catch (InvalidSettingsException unreadable) {
                settings.problem(unreadable);
            }
        }
        for (String flag : arguments.optionNames()) {
            if (!flag.equals("config") && !flag.equals("out")) {
                Parameter<?> parameter = Parameters.ofFlag(flag).orElseThrow(() -> new UsageException("unknown option --"
                        + flag + Parameters.closestTo(flag).map(close -> ": did you mean --" + close.flag() + "?")
                        .orElse(" (java -jar leakgate-cli.jar help lists them)")));
                settings.text(parameter, arguments.option(flag).orElseThrow());
            }
        }
        arguments.option("out").ifPresent(directory -> settings.text(Parameters.OUTPUT_DIRECTORY, directory));
        Settings checked;
        try {
            checked = settings.build();
        } catch (InvalidSettingsException refused) {
            return leakgate.refuse(settings, refused).exitCode();
        }
        if (checked.get(Parameters.SKIP)) {
            out.println("leakgate is skipped (skip=true)");
            return Main.PASS;
        }
        // The run tells its verdict, its leaks and where the report is on the console; a refused one too.
        return leakgate.check(checked).exitCode();
    }

    private static Console console(PrintStream out, PrintStream err) {
        return new Console() {
            @Override
            public void info(String message) {
                out.println(message);
            }

            @Override
            public void warn(String message) {
                // The verdict and the leaks are the command's result, which belongs with the rest on stdout.
                out.println(message);
            }

            @Override
            public void appOutput(String line) {
                // The app's own lines are in app.log; on a terminal they would bury the progress.
            }
        };
    }
}
