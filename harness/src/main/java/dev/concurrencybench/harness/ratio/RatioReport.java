package dev.concurrencybench.harness.ratio;

import dev.concurrencybench.peers.Peer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code ratio.md} and {@code ratio.json} of a sitting: a summary table (each server's throughput and CPU per request
 * as multiples of nginx's, per endpoint), each model against its production peer when peers ran, the stage-timing
 * cost when measured, then one table per endpoint with every round. Pure rendering.
 */
public final class RatioReport {

    private RatioReport() {
    }

    /**
     * The Markdown report.
     *
     * @param r        the results
     * @param settings what was measured
     * @param preamble lines shown under the title (machine, pinning, caveats)
     */
    public static String markdown(RatioResults r, RatioSettings settings, List<String> preamble) {
        StringBuilder md = new StringBuilder("# Side by side with nginx (`bench ratio`)\n\n");
        for (String p : preamble) md.append(p).append("\n\n");
        md.append(String.format(Locale.ROOT, "Throughput: closed loop, `wrk -t1 -c%d -d%ds`, median of %d interleaved "
                        + "round(s)%s, each server once per round (nginx first; each model's group, the model with its twin and "
                        + "its peer, in reverse order every other round). CPU: server process CPU time "
                        + "(all threads, from /proc) per completed request at a fixed %s req/s with the precise driver "
                        + "(%d connections, 1 s warm-up, %d s measured), median of the rounds. ×nginx: the model's median "
                        + "over nginx's (throughput: higher is better; CPU: lower is better).%n%n",
                settings.connections(), settings.durationSeconds(), settings.totalRounds(), settings.forks() > 1
                        ? String.format(Locale.ROOT, " (%d forks of %d: each fork a fresh set of server JVMs, warmed up "
                        + "and measured in turn)", settings.forks(), settings.rounds()) : "", grouped(settings.rate()),
                settings.connections(), settings.cpuDurationSeconds()));
        List<Endpoint> endpoints = r.endpoints();
        List<String> servers = new ArrayList<>();
        for (Endpoint e : endpoints) {
            for (String s : r.servers(e)) if (!servers.contains(s)) servers.add(s);
        }
        md.append("## Summary\n\n| server |");
        for (Endpoint e : endpoints) md.append(" ").append(e.title()).append(" req/s ×nginx |");
        for (Endpoint e : endpoints) md.append(" ").append(e.title()).append(" CPU µs/req (×nginx) |");
        md.append("\n|---|");
        md.append("---:|".repeat(endpoints.size() * 2)).append("\n");
        for (String s : servers) {
            md.append("| ").append(s).append(" |");
            for (Endpoint e : endpoints) {
                md.append(" ").append(s.equals(RatioResults.NGINX)
                        ? grouped(r.medianRequestsPerSecond(e, s)) + " req/s"
                        : ratio(r.throughputRatio(e, s))).append(" |");
            }
            for (Endpoint e : endpoints) {
                double cpu = r.medianCpuMicrosPerRequest(e, s);
                md.append(" ").append(micros(cpu));
                if (!s.equals(RatioResults.NGINX) && !Double.isNaN(cpu)) {
                    md.append(" (").append(ratio(r.cpuRatio(e, s))).append(")");
                }
                md.append(" |");
            }
            md.append("\n");
        }
        if (settings.peers()) peers(md, r, settings);
        if (settings.stageTimingCost()) stageTimingCost(md, r, settings);
        for (Endpoint e : endpoints) {
            md.append("\n## ").append(e.title()).append("\n\n| server |");
            int rounds = 0;
            for (String s : r.servers(e)) rounds = Math.max(rounds, r.rounds(e, s).size());
            for (int i = 1; i <= rounds; i++) md.append(" round ").append(i).append(" req/s |");
            md.append(" median req/s | ×nginx |");
            for (int i = 1; i <= rounds; i++) md.append(" round ").append(i).append(" CPU µs/req |");
            md.append(" median CPU µs/req | ×nginx |\n|---|").append("---:|".repeat(2 * rounds + 4)).append("\n");
            for (String s : r.servers(e)) {
                List<RatioResults.Round> rs = r.rounds(e, s);
                md.append("| ").append(s).append(" |");
                for (int i = 0; i < rounds; i++) {
                    md.append(" ").append(i < rs.size() ? grouped(rs.get(i).requestsPerSecond())
                            + errors(rs.get(i).wrkErrors()) : "-").append(" |");
                }
                md.append(" ").append(grouped(r.medianRequestsPerSecond(e, s))).append(" | ")
                        .append(ratio(r.throughputRatio(e, s))).append(" |");
                for (int i = 0; i < rounds; i++) {
                    md.append(" ").append(i < rs.size() ? micros(rs.get(i).cpuMicrosPerRequest())
                            + shortfall(rs.get(i), settings.rate()) + errors(rs.get(i).driverErrors()) : "-").append(" |");
                }
                md.append(" ").append(micros(r.medianCpuMicrosPerRequest(e, s))).append(" | ")
                        .append(ratio(r.cpuRatio(e, s))).append(" |\n");
            }
        }
        if (!r.descriptions().isEmpty()) {
            md.append("\nServers: ");
            List<String> d = new ArrayList<>();
            for (String s : servers) if (r.descriptions().containsKey(s)) d.add("`" + s + "`: " + r.descriptions().get(s));
            md.append(String.join("; ", d)).append(".\n");
        }
        if (!r.failures().isEmpty()) {
            md.append("\n**Failed steps** (their figures are `-`):\n\n");
            for (String f : r.failures()) md.append("- ").append(f).append("\n");
        }
        return md.toString();
    }

    /** Each model against its production peer: the model's medians over the peer's, per endpoint. */
    private static void peers(StringBuilder md, RatioResults r, RatioSettings settings) {
        List<Endpoint> endpoints = r.endpoints();
        md.append("\n## Each model beside its production peer\n\nThe model's median over its peer's, both measured in "
                + "the same rounds, back to back: req/s (above 1: the model is faster) and CPU "
                + "µs/request at the fixed rate (above 1: the model is costlier).\n\n| model | peer |");
        for (Endpoint e : endpoints) md.append(" ").append(e.title()).append(" req/s model÷peer |");
        for (Endpoint e : endpoints) md.append(" ").append(e.title()).append(" CPU model÷peer |");
        md.append("\n|---|---|").append("---:|".repeat(endpoints.size() * 2)).append("\n");
        for (String s : settings.servers()) {
            Peer peer = settings.peerOf(s);
            if (peer == null) continue;
            md.append("| ").append(s).append(" | ").append(peer.id()).append(" |");
            for (Endpoint e : endpoints) md.append(" ").append(ratio(r.versusPeer(e, s, peer.id(), false))).append(" |");
            for (Endpoint e : endpoints) md.append(" ").append(ratio(r.versusPeer(e, s, peer.id(), true))).append(" |");
            md.append("\n");
        }
    }

    /** The stage-timing cost section: each model's timed twin against the model, per round and the median. */
    private static void stageTimingCost(StringBuilder md, RatioResults r, RatioSettings settings) {
        md.append("\n## Stage-timing cost\n\nEach model with stage timing on (`--stage-log`, as `bench run` runs it) "
                + "against the same model with it off (`--no-stage-timing`), both alive for the whole sitting (for a "
                + "whole fork, with more than one fork) and measured back to back in every round (which goes first "
                + "alternates): the change of closed-loop req/s (negative: slower) and of CPU µs/request at the "
                + "fixed rate (positive: costlier), per round and the median of the rounds. Budget: a throughput "
                + "cost of at most 2 %.\n\n"
                + "| model | endpoint | req/s change per round | median | CPU µs/req change per round | median |\n"
                + "|---|---|---|---:|---|---:|\n");
        for (String s : settings.servers()) {
            for (Endpoint e : r.endpoints()) {
                if (!r.servers(e).contains(s + RatioSettings.TIMED)) continue;
                double[] rps = r.stageTimingChanges(e, s, false);
                double[] cpu = r.stageTimingChanges(e, s, true);
                md.append("| ").append(s).append(" | ").append(e.title()).append(" | ").append(changes(rps))
                        .append(" | ").append(change(RatioResults.median(rps))).append(" | ").append(changes(cpu))
                        .append(" | ").append(change(RatioResults.median(cpu))).append(" |\n");
            }
        }
    }

    private static String changes(double[] values) {
        List<String> parts = new ArrayList<>();
        for (double v : values) parts.add(change(v));
        return String.join(", ", parts);
    }

    static String change(double v) {
        return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%+.1f %%", v * 100);
    }

    /** The same figures as data: settings, and per endpoint and server every round, medians and ratios. */
    public static Map<String, Object> json(RatioResults r, RatioSettings settings) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("schemaVersion", 1);
        root.put("settings", settings.json());
        root.put("servers", r.descriptions());
        List<Object> endpoints = new ArrayList<>();
        for (Endpoint e : r.endpoints()) {
            Map<String, Object> em = new LinkedHashMap<>();
            em.put("endpoint", e.id());
            em.put("path", e.path());
            em.put("tls", e.tls());
            List<Object> servers = new ArrayList<>();
            for (String s : r.servers(e)) {
                Map<String, Object> sm = new LinkedHashMap<>();
                sm.put("server", s);
                List<RatioResults.Round> rs = r.rounds(e, s);
                sm.put("requestsPerSecond", rs.stream().map(x -> number(x.requestsPerSecond())).toList());
                sm.put("wrkErrors", rs.stream().map(RatioResults.Round::wrkErrors).toList());
                sm.put("medianRequestsPerSecond", number(r.medianRequestsPerSecond(e, s)));
                sm.put("throughputRatioToNginx", number(r.throughputRatio(e, s)));
                sm.put("cpuMicrosPerRequest", rs.stream().map(x -> number(x.cpuMicrosPerRequest())).toList());
                sm.put("cpuAchievedRate", rs.stream().map(x -> number(x.achievedRate())).toList());
                sm.put("cpuDriverErrors", rs.stream().map(RatioResults.Round::driverErrors).toList());
                sm.put("medianCpuMicrosPerRequest", number(r.medianCpuMicrosPerRequest(e, s)));
                sm.put("cpuRatioToNginx", number(r.cpuRatio(e, s)));
                servers.add(sm);
            }
            em.put("servers", servers);
            endpoints.add(em);
        }
        root.put("endpoints", endpoints);
        if (settings.stageTimingCost()) {
            List<Object> cost = new ArrayList<>();
            for (String s : settings.servers()) {
                for (Endpoint e : r.endpoints()) {
                    if (!r.servers(e).contains(s + RatioSettings.TIMED)) continue;
                    Map<String, Object> c = new LinkedHashMap<>();
                    c.put("server", s);
                    c.put("endpoint", e.id());
                    double[] rps = r.stageTimingChanges(e, s, false);
                    double[] cpu = r.stageTimingChanges(e, s, true);
                    c.put("requestsPerSecondChange", java.util.Arrays.stream(rps).mapToObj(RatioReport::fraction).toList());
                    c.put("medianRequestsPerSecondChange", fraction(RatioResults.median(rps)));
                    c.put("cpuMicrosPerRequestChange", java.util.Arrays.stream(cpu).mapToObj(RatioReport::fraction).toList());
                    c.put("medianCpuMicrosPerRequestChange", fraction(RatioResults.median(cpu)));
                    cost.add(c);
                }
            }
            root.put("stageTimingCost", cost);
        }
        if (settings.peers()) {
            List<Object> peers = new ArrayList<>();
            for (String s : settings.servers()) {
                Peer peer = settings.peerOf(s);
                if (peer == null) continue;
                for (Endpoint e : r.endpoints()) {
                    Map<String, Object> p = new LinkedHashMap<>();
                    p.put("model", s);
                    p.put("peer", peer.id());
                    p.put("endpoint", e.id());
                    p.put("requestsPerSecondModelOverPeer", number(r.versusPeer(e, s, peer.id(), false)));
                    p.put("cpuMicrosPerRequestModelOverPeer", number(r.versusPeer(e, s, peer.id(), true)));
                    peers.add(p);
                }
            }
            root.put("peers", peers);
        }
        root.put("failures", r.failures());
        return root;
    }

    /** JSON has no NaN: null instead. Rounded to 3 decimals. */
    private static Double number(double v) {
        return Double.isNaN(v) ? null : Math.round(v * 1000) / 1000.0;
    }

    /** A change as a fraction (-0.0123 is 1.23 % less), 4 decimals; null for NaN. */
    private static Double fraction(double v) {
        return Double.isNaN(v) ? null : Math.round(v * 10_000) / 10_000.0;
    }

    static String grouped(double v) {
        return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%,.0f", v);
    }

    static String ratio(double v) {
        return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%.2f×", v);
    }

    static String micros(double v) {
        return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%.1f", v);
    }

    private static String errors(long n) {
        return n == 0 ? "" : " (" + n + " err)";
    }

    /** Marks a CPU figure whose fixed rate was not reached (more than 1 % short): the server was saturated. */
    private static String shortfall(RatioResults.Round round, double rate) {
        return round.achievedRate() < rate * 0.99 ? " (at " + grouped(round.achievedRate()) + " req/s)" : "";
    }
}
