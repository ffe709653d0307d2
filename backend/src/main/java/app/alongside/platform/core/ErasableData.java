package app.alongside.platform.core;

import java.util.function.ToLongFunction;

/**
 * A domain's part of erasing a young person (the right to erasure, UK GDPR Art 17): it deletes or blanks what it
 * holds about them and says how much. Each domain that stores data a young person may have erased provides one,
 * next to its {@link PersonalDataSection}, so the privacy domain can carry out an erasure without knowing any
 * domain's collections. An erasure must be safe to run again: a run cut short is simply run once more, and a
 * second run finds nothing left and counts zero.
 */
public interface ErasableData {
    /** The kind of data, as the erasure policy names it, e.g. {@code records}. */
    String name();

    /** Erases what this domain holds about the young person; safe to repeat. */
    ErasureResult erase(String youngPersonId);

    /** How much one hook erased: documents deleted or blanked, by kind. */
    record ErasureResult(String kind, long erased) {
    }

    static ErasableData of(String name, ToLongFunction<String> erase) {
        return new ErasableData() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public ErasureResult erase(String youngPersonId) {
                return new ErasureResult(name, erase.applyAsLong(youngPersonId));
            }
        };
    }
}
