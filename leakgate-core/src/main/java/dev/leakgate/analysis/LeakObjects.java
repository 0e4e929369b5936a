package dev.leakgate.analysis;

/**
 * How to find a leak's objects again in a later snapshot of the same process, whose object ids are the same: the new
 * instances of its subject's constructor, the new elements and entries of the collection that keeps them, or the
 * largest instance of a constructor whose bytes grow.
 *
 * @param subjectConstructor the constructor whose new instances the leak keeps, or null when it keeps none
 * @param collectionId       the object id of the collection that keeps them, or 0
 * @param containerName      the variable or property that holds the collection or container they are kept in
 *                           ({@code sessions}), where app code would add them; or empty
 * @param containerScript    the script whose module scope holds that container, as the heap names it; or empty
 * @param growingConstructor the constructor whose largest instance grows ({@code Buffer}), or null
 * @param keepsClosures      whether functions are among what grows: a listener or callback kept per request
 */
public record LeakObjects(String subjectConstructor, int collectionId, String containerName, String containerScript,
                          String growingConstructor, boolean keepsClosures) {

    /** The constructor closures are counted under. */
    public static final String CLOSURES = "Function";
}
