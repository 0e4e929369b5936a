package dev.leakgate.inspector;

import java.util.List;

/**
 * The app paused in the debugger, as {@code Debugger.paused} tells it.
 *
 * @param frames         the call stack, innermost first
 * @param hitBreakpoints the ids of the breakpoints it paused at; empty for a pause of another kind
 */
public record Pause(List<PausedFrame> frames, List<String> hitBreakpoints) {

    public Pause {
        frames = List.copyOf(frames);
        hitBreakpoints = List.copyOf(hitBreakpoints);
    }
}
