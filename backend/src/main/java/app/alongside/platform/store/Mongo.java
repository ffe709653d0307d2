package app.alongside.platform.store;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoServerException;

import java.time.Instant;
import java.util.Date;

/** Small helpers for mapping to and from BSON documents with the driver. */
public final class Mongo {
    private Mongo() {
    }

    /**
     * A unique index refused the write. Inserts and updates raise a MongoWriteException, but findOneAndReplace and
     * findOneAndUpdate raise a MongoCommandException; both carry the server's error code.
     */
    public static boolean isDuplicateKey(MongoServerException e) {
        return ErrorCategory.fromErrorCode(e.getCode()) == ErrorCategory.DUPLICATE_KEY;
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
