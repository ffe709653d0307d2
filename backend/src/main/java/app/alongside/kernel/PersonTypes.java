package app.alongside.kernel;

/**
 * The node types (in global ids) of the two kinds of people a principal stands for: identity owns the records,
 * and audit names them as actors and subjects.
 */
public final class PersonTypes {
    public static final String YOUNG_PERSON = "YoungPerson";
    public static final String STAFF_MEMBER = "StaffMember";

    private PersonTypes() {
    }
}
