package app.alongside.records;

/**
 * One kind-specific field of a record: its type and the rules its value must keep. The SDL's record types and
 * inputs list the same fields ({@code RecordKindsTest} checks that they agree).
 *
 * @param relatedTo for dates: the field this one must not come before ({@link Rule#NOT_BEFORE}) or after
 */
public record FieldSpec(String name, Type type, boolean required, int min, int max, String codeList, Rule rule,
                        String relatedTo) {
    /** How a value is typed in the schema and stored. */
    public enum Type { TEXT, DATE, DATE_TIME, INT, BOOLEAN, ENUM, CODE }

    /** A rule on a date beyond its format. */
    public enum Rule { NONE, NOT_FUTURE, NOT_BEFORE, AFTER }

    static FieldSpec text(String name, boolean required, int max) {
        return new FieldSpec(name, Type.TEXT, required, 1, max, null, Rule.NONE, null);
    }

    static FieldSpec date(String name, boolean required) {
        return new FieldSpec(name, Type.DATE, required, 0, 0, null, Rule.NONE, null);
    }

    static FieldSpec pastDate(String name, boolean required) {
        return new FieldSpec(name, Type.DATE, required, 0, 0, null, Rule.NOT_FUTURE, null);
    }

    static FieldSpec dateNotBefore(String name, String other) {
        return new FieldSpec(name, Type.DATE, false, 0, 0, null, Rule.NOT_BEFORE, other);
    }

    static FieldSpec dateAfter(String name, String other) {
        return new FieldSpec(name, Type.DATE, false, 0, 0, null, Rule.AFTER, other);
    }

    static FieldSpec dateTime(String name, boolean required) {
        return new FieldSpec(name, Type.DATE_TIME, required, 0, 0, null, Rule.NONE, null);
    }

    static FieldSpec integer(String name, boolean required, int min, int max) {
        return new FieldSpec(name, Type.INT, required, min, max, null, Rule.NONE, null);
    }

    static FieldSpec bool(String name, boolean required) {
        return new FieldSpec(name, Type.BOOLEAN, required, 0, 0, null, Rule.NONE, null);
    }

    static FieldSpec choice(String name) {
        return new FieldSpec(name, Type.ENUM, true, 0, 0, null, Rule.NONE, null);
    }

    static FieldSpec code(String name, String codeList) {
        return new FieldSpec(name, Type.CODE, true, 0, 0, codeList, Rule.NONE, null);
    }
}
