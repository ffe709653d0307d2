package app.alongside.records;

/** The five missions of the Independent Review of Children's Social Care, in the order the app shows them. */
public enum Mission {
    RELATIONSHIPS,
    EDUCATION,
    HOME,
    WORK,
    HEALTH
}
