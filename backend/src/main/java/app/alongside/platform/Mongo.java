package app.alongside.platform;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;

import java.time.Instant;
import java.util.Date;

/** Small helpers for mapping to and from BSON documents with the driver. */
public final class Mongo {
    private Mongo() {
    }

    public static boolean isDuplicateKey(MongoWriteException e) {
        return e.getError().getCategory() == ErrorCategory.DUPLICATE_KEY;
    }

    public static Date date(Instant instant) {
        return instant == null ? null : Date.from(instant);
    }

    public static Instant instant(Date date) {
        return date == null ? null : date.toInstant();
    }

    public static <E extends Enum<E>> E enumValue(Class<E> type, String name) {
        return name == null ? null : Enum.valueOf(type, name);
    }
}
