package dev.leakgate.analysis;

/**
 * One object that may be a growing collection, as one snapshot saw it.
 *
 * @param references strong references it holds itself or through the stores only it owns: with every element
 *                   or entry added this grows by one or two, even when the store grows in steps
 */
public record CollectionSize(int objectId, String constructor, int references) {
}
