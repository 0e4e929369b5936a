package dev.leakgate.analysis;

import dev.leakgate.text.NumberText;

/**
 * How many of a leak's new objects its retainer path stands for: {@code 5,998 of 6,000 new Timeout objects}.
 *
 * @param count the objects whose shortest paths read like the one shown
 * @param total the objects whose paths were looked at
 */
public record PathShare(int count, int total) {

    public static final PathShare NONE = new PathShare(0, 0);

    public String describe(Subject subject) {
        return NumberText.count(count) + " of " + NumberText.count(total) + " new " + subject.noun();
    }
}
