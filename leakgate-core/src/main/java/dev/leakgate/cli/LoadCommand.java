package dev.leakgate.cli;

import dev.leakgate.load.LoadGenerator;
import dev.leakgate.load.LoadProgress;
import dev.leakgate.load.PhaseResult;
import dev.leakgate.load.RequestSpec;
import dev.leakgate.report.JsonReport;
import dev.leakgate.result.Verdicts;
import dev.leakgate.settings.Parameters;
import dev.leakgate.text.DurationText;
import dev.leakgate.text.NumberText;

import java.io.PrintStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code load URL}: the gate's load generator on its own, GET on one URL over keep-alive connections, for a number of
 * requests or a time. Prints tables to paste into a pull request, or with {@code --json} one object for scripts; on
 * long runs, a progress line every two seconds goes to stderr.
 */
final class LoadCommand implements Command {

    /** As long as autocannon runs by default, so that the two compare without options. */
    private static final double DEFAULT_SECONDS = 10;
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);
    private static final String PHASE = "load";

    @Override
    public String usage() {
        return "load URL [--method M] [--body TEXT] [--content-type TYPE] [--connections N] [--requests N | --duration "
                + "SECONDS] [--rate R] [--json]";
    }

    @Override
    public Set<String> flags() {
        return Set.of("json");
    }

    @Override
    public int run(Arguments arguments, PrintStream out, PrintStream err) throws UsageException {
        List<String> urls = arguments.positional();
        int connections = arguments.intOption("connections", Parameters.DEFAULT_CONNECTIONS);
        boolean counted = arguments.option("requests").isPresent();
        int requests = arguments.intOption("requests", 0);
        Optional<Double> seconds = arguments.decimalOption("duration");
        double rate = arguments.decimalOption("rate").orElse(0.0);
        boolean json = arguments.flag("json");
        String method = arguments.option("method").orElse("GET");
        Optional<String> body = arguments.option("body");
        Optional<String> contentType = arguments.option("content-type");
        arguments.rejectUnknown();
        if (urls.size() != 1) {
            throw new UsageException("needs exactly one URL, e.g. http://127.0.0.1:3000/");
        }
        Target target = Target.parse(urls.get(0));
        RequestSpec request;
        try {
            request = new RequestSpec(method, target.path(), Map.of(), body.orElse(null), contentType.orElse(null));
            request.requireTemplatesFilled(System.getenv());
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        if (counted && seconds.isPresent()) {
            throw new UsageException("--requests and --duration exclude each other: give a number of requests or a time");
        }
        if (counted && requests < 1) {
            throw new UsageException("--requests must be at least 1");
        }
        if (seconds.isPresent() && !(seconds.get() > 0)) {
            throw new UsageException("--duration must be a positive number of seconds");
        }
        Duration duration = Duration.ofNanos(Math.round(seconds.orElse(DEFAULT_SECONDS) * 1e9));

        try (LoadGenerator load = new LoadGenerator(target.base(), List.of(request), connections,
                REQUEST_TIMEOUT, rate)) {
            LoadProgress progress = json ? LoadProgress.NONE : snapshot -> err.println(Verdicts.describeProgress(snapshot));
            if (!json) {
                out.println(method + " " + target + " over " + connections + " connection" + (connections == 1 ? "" : "s")
                        + (counted ? ", " + NumberText.count(requests) + " requests"
                                   : " for " + DurationText.of(duration))
                        + (rate > 0 ? " at " + NumberText.decimal(rate) + " req/s" : ""));
                out.println();
            }
            PhaseResult result = counted ? load.run(PHASE, requests, progress) : load.run(PHASE, duration, progress);
            if (json) {
                out.println(new JsonReport().phase(result));
            } else {
                new LoadTable().render(result).forEach(out::println);
            }
            return Main.PASS;
        } catch (IllegalArgumentException e) {
            err.println("leakgate load: " + e.getMessage());
            return Main.ERROR;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            err.println("leakgate load: interrupted");
            return Main.ERROR;
        }
    }

    /** The URL split the way the generator takes it: where the server is, and the request's path and query. */
    private record Target(URI base, String path) {

        /** The path is taken as written, so that it may hold templates such as {@code {{uuid}}}. */
        static Target parse(String url) throws UsageException {
            int authorityStart = url.indexOf("://");
            if (authorityStart < 0 || !url.substring(0, authorityStart).equalsIgnoreCase("http")) {
                throw new UsageException("needs an http:// URL with a host, e.g. http://127.0.0.1:3000/, got: " + url);
            }
            int pathStart = url.indexOf('/', authorityStart + 3);
            String base = pathStart < 0 ? url : url.substring(0, pathStart);
            String path = pathStart < 0 ? "/" : url.substring(pathStart);
            URI uri;
            try {
                uri = new URI(base);
            } catch (URISyntaxException e) {
                throw new UsageException("not a URL: " + url + " (" + e.getReason() + ")");
            }
            if (uri.getRawAuthority() == null || uri.getRawPath() != null && !uri.getRawPath().isEmpty()
                    || uri.getRawQuery() != null) {
                throw new UsageException("needs an http:// URL with a host, e.g. http://127.0.0.1:3000/, got: " + url);
            }
            return new Target(uri, path);
        }

        @Override
        public String toString() {
            return base + path;
        }
    }
}
