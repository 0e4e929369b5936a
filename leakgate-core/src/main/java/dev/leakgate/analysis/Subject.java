package dev.leakgate.analysis;

/**
 * What a leak is seen to grow by, in the words of its title: the objects it keeps ({@code Session}, the closures
 * {@code onReload()}), or the references or bytes of its cause when it keeps no objects of its own.
 *
 * @param label            the objects as named in sentences: a constructor, or {@code name()} for functions
 * @param constructor      the constructor they are counted under ({@code Function} for closures)
 * @param shape            how they are counted: objects, a collection's references, or bytes
 * @param growthPerRequest how many more there are per request served
 */
public record Subject(String label, String constructor, Shape shape, double growthPerRequest) {

    /** The objects in a sentence: {@code Session objects}, {@code onReload() closures}, {@code strings}. */
    public String noun() {
        return switch (shape) {
            case COLLECTION -> "references in " + label;
            case BYTES -> "bytes of " + label;
            case COUNT -> label.endsWith("()") ? label + " closures"
                    : label.equals("(string)") || label.endsWith(" string)") ? "strings"
                    : label + " objects";
        };
    }
}
