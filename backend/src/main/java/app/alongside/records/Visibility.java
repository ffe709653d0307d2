package app.alongside.records;

/** Who besides the young person may see a record or goal. Private is the default (ICO Children's Code). */
public enum Visibility {
    PRIVATE,
    SHARED_WITH_ADVOCATE
}
