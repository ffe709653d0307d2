package app.alongside.organisations;

/**
 * The schema's {@code Region}: the nine regions of England (ONS, ITL 1), which councils belong to. An opportunity
 * can be open to the young people of a region's councils, without the poster listing each council.
 */
public enum Region {
    NORTH_EAST, NORTH_WEST, YORKSHIRE_AND_THE_HUMBER, EAST_MIDLANDS, WEST_MIDLANDS, EAST_OF_ENGLAND, LONDON,
    SOUTH_EAST, SOUTH_WEST
}
