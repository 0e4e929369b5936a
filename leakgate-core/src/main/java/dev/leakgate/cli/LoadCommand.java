package dev.leakgate.cli;

import dev.leakgate.gate.Units;
import dev.leakgate.load.LoadGenerator;
import dev.leakgate.load.PhaseResult;
import dev.leakgate.load.RequestSpec;

import java.io.PrintStream;
import java.net.URI;
import java.time.Duration;
import java.util.List;

/** {@code load URL}: the gate's load generator on its own, GET on one URL over keep-alive connections. */
final class LoadCommand implements Command {

    @Override
    public String usage() {
        return "load URL [--connections N] [--requests N]";
    }

    @Override
    public int run(Arguments arguments, PrintStream out, PrintStream err) throws UsageException {
        List<String> urls = arguments.positional();
        int connections = arguments.intOption("connections", 10);
        int requests = arguments.intOption("requests", 100_000);
        arguments.rejectUnknown();
        if (urls.size() != 1) {
            throw new UsageException("needs exactly one URL, e.g. http://127.0.0.1:3000/");
        }
        URI url;
        try {
            url = URI.create(urls.get(0));
        } catch (IllegalArgumentException e) {
            throw new UsageException("not a URL: " + urls.get(0));
        }
        String path = url.getRawPath() == null || url.getRawPath().isEmpty() ? "/" : url.getRawPath();
        if (url.getRawQuery() != null) {
            path += "?" + url.getRawQuery();
        }
        URI base = URI.create(url.getScheme() + "://" + url.getRawAuthority());
        try (LoadGenerator load = new LoadGenerator(base, List.of(RequestSpec.get(path)), connections,
                Duration.ofSeconds(10))) {
            PhaseResult result = load.run("load", requests);
            out.println(Units.count(result.requests()) + " requests in " + Units.duration(result.elapsed()) + ", "
                    + Units.decimal(result.requestsPerSecond()) + " req/s, p50 " + Units.decimal(result.latency().p50())
                    + " ms, p99 " + Units.decimal(result.latency().p99()) + " ms, " + Units.count(result.failed())
                    + " failed");
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
}
