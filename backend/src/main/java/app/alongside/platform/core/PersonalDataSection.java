package app.alongside.platform.core;

/**
 * A domain's part of a young person's data export ({@code exportMyData}): everything it holds about them, as
 * values that serialise to JSON (BSON documents, lists, strings, numbers, dates). Each domain that stores data
 * about young people provides one, so the export stays complete as domains are added.
 */
public interface PersonalDataSection {
    /** The section's key in the export document, e.g. {@code messages}. */
    String name();

    /** Everything this domain holds about the young person. */
    Object export(String youngPersonId);

    static PersonalDataSection of(String name, java.util.function.Function<String, Object> export) {
        return new PersonalDataSection() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public Object export(String youngPersonId) {
                return export.apply(youngPersonId);
            }
        };
    }
}
