package dev.leakgate.report;

import dev.leakgate.analysis.AllocationStack;
import dev.leakgate.analysis.Finding;
import dev.leakgate.analysis.Leak;
import dev.leakgate.analysis.RequestGrowth;
import dev.leakgate.analysis.StackFrame;
import dev.leakgate.text.NumberText;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/** The parts of a leak or finding every report writes, written the same way in each. */
final class FindingText {

    private static final String SEPARATOR = " › ";

    private FindingText() {
    }

    /** The values per snapshot, oldest first: {@code 1,001 → 3,001 → 5,001}. */
    static String perSnapshot(Finding finding) {
        return finding.perSnapshot().stream().map(NumberText::count).collect(Collectors.joining(" → "));
    }

    /** A value that may be missing, or "-". */
    static String orNone(Object value) {
        return value == null ? "-" : value.toString();
    }

    /** {@code +1.00 Session per request}, the growth a finding stands for. */
    static String growth(Finding finding) {
        return "+" + NumberText.decimal(finding.growthPerRequest()) + " " + finding.unit() + " per request";
    }

    /**
     * A stack on one line, outermost first, from the frame that calls into the app's code:
     * {@code … › node:events:471 emit › server.js:26 (anonymous) › server.js:17 sessionFor}.
     */
    static String stack(AllocationStack stack) {
        List<StackFrame> frames = fromTheApp(stack);
        String shown = frames.stream().map(StackFrame::text).collect(Collectors.joining(SEPARATOR));
        return frames.size() < stack.frames().size() ? "…" + SEPARATOR + shown : shown;
    }

    /**
     * The frames worth reading: from the one that calls the app's outermost frame on (how Node or a framework got
     * there before that says nothing about the leak), builtins without a script left out. The whole stack when no
     * frame is the app's.
     */
    static List<StackFrame> fromTheApp(AllocationStack stack) {
        List<StackFrame> frames = stack.frames().stream()
                .filter(frame -> frame.origin() != StackFrame.Origin.ENGINE).toList();
        for (int i = 0; i < frames.size(); i++) {
            if (frames.get(i).origin() == StackFrame.Origin.APP) {
                return frames.subList(Math.max(0, i - 1), frames.size());
            }
        }
        return frames.isEmpty() ? stack.frames() : frames;
    }

    /** {@code 40 of 40 new objects} made by a stack. */
    static String stackShare(AllocationStack stack, Leak leak) {
        int total = leak.origin().stacks().stream().mapToInt(AllocationStack::objects).sum();
        return NumberText.count(stack.objects()) + " of the " + NumberText.count(total) + " objects traced"
                + (leak.origin().stacks().size() == 3 ? " on the 3 most frequent stacks" : "");
    }

    /**
     * Which requests of the mix make the leak grow:
     * {@code POST /orders: +1.00 OrderWatch per request; GET /orders, GET /health: none}.
     */
    static String requests(Leak leak) {
        List<String> growing = new ArrayList<>();
        List<String> none = new ArrayList<>();
        for (RequestGrowth request : leak.origin().requests()) {
            if (request.grows()) {
                growing.add(request.request() + ": +" + NumberText.decimal(request.growthPerRequest()) + " "
                        + leak.subject().label() + " per request");
            } else {
                none.add(request.request());
            }
        }
        if (!none.isEmpty()) {
            growing.add(String.join(", ", none) + ": none");
        }
        return String.join("; ", growing);
    }

    /** The findings a leak makes grow, cause first: {@code Map (collection), Session, Date, (string)}. */
    static String findingNames(Leak leak) {
        return leak.findings().stream()
                .map(finding -> finding.constructor() + (finding.shape().label().equals("count") ? ""
                        : " (" + finding.shape().label() + ")"))
                .collect(Collectors.joining(", "));
    }

    /** What a leak's judgement means for the build, for leaks that do not fail it. */
    static String notFailing(Leak leak) {
        return switch (leak.judgement()) {
            case LEAK -> "";
            case WITHIN_BASELINE -> "within the baseline's " + NumberText.decimal(leak.acceptedGrowthPerRequest())
                    + " per request";
            case ENGINE_INTERNAL -> "V8's or Node's own bookkeeping, not a leak by itself";
        };
    }
}
