package app.alongside.identity;

import java.util.List;

/** Identity reads the tests send beyond those of {@code fixtures.Ops}, and the records their answers are read into. */
final class IdentityOps {
    static final String ORGANISATION_NAME = "query O($id: ID!) { node(id: $id) { ... on Organisation { name } } }";
    static final String YOUNG_PEOPLE = "{ youngPeople(first: 100) { edges { node { id } } } }";

    private IdentityOps() {
    }

    /** The {@link #ORGANISATION_NAME} of an organisation. */
    public record OrganisationName(String name) {
    }

    /** The {@link #YOUNG_PEOPLE} a staff member may see. */
    public record YoungPeople(List<YoungPersonEdge> edges) {
    }

    public record YoungPersonEdge(YoungPersonId node) {
    }

    public record YoungPersonId(String id) {
    }
}
