package app.alongside.push;

/** What a push is about; each person turns categories on or off, and each has its own time to live. */
public enum PushCategory {
    NEW_MESSAGE,
    URGENT,
    REMINDERS,
    OPPORTUNITIES,
    GOAL_NUDGES,
    ALLOCATION
}
