package app.alongside.embedded;

import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.wire.bson.BsonDecoder;
import de.bwaldvogel.mongo.wire.bson.BsonEncoder;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.h2.mvstore.DataUtils;
import org.h2.mvstore.WriteBuffer;
import org.h2.mvstore.type.BasicDataType;
import org.h2.mvstore.type.ObjectDataType;

import java.nio.ByteBuffer;
import java.util.Collection;
import java.util.Map;

/**
 * How the embedded file store keeps a collection's documents: as BSON, the encoding the wire protocol already uses,
 * instead of the Java serialization MVStore falls back to for objects it does not know.
 *
 * <p>A stored value stays BSON in memory too ({@link Stored}): MVStore's page cache holds one byte array a document
 * instead of the tree of maps, lists and strings a decoded document is (about six times the bytes and thirty objects
 * for a record), and a read decodes its own copy. That keeps the cache small and cheap for the garbage collector
 * (a warm store of 200,000 records held 850,000 decoded documents, and young pauses spent most of their time on
 * them), lets a commit write an unchanged document of a re-written page by copying its bytes, and means no stored
 * document is ever shared with, or changed by, the code that reads it.
 *
 * <p>Files written before keep their Java-serialized documents, and they stay readable: each value starts with a
 * tag, ObjectDataType's tags end at 119, ours is {@link #BSON_TAG}; any other tag is read by ObjectDataType (into a
 * decoded document, handed out as a copy). A page that changes is written back in BSON, so a store moves over as it
 * is used. The documents a collection holds all came through the wire protocol (decoded from BSON) or from the
 * server's own update operators, whose values (numbers, strings, Instants from dates in milliseconds, nested
 * documents and lists) BSON keeps as they are; a value BSON cannot hold would be kept and written the old way rather
 * than fail the write or the commit.
 */
final class BsonDocumentType extends BasicDataType<Object> {
    static final BsonDocumentType INSTANCE = new BsonDocumentType();
    /** Above every tag ObjectDataType writes (its byte arrays of 0 to 15 bytes take 104 to 119). */
    static final byte BSON_TAG = (byte) 0xBD;
    private static final int ENTRY_BYTES = 56;

    private final ObjectDataType legacy = new ObjectDataType();

    /** A document as the map holds it: its BSON, never changed once made. */
    static final class Stored {
        private final byte[] bson;

        private Stored(byte[] bson) {
            this.bson = bson;
        }

        Document decode() {
            return BsonDecoder.decodeBson(Unpooled.wrappedBuffer(bson));
        }
    }

    private BsonDocumentType() {
    }

    /** What the map should hold for {@code document}: its BSON, or a private copy when BSON cannot hold it. */
    static Object store(Document document) {
        try {
            return new Stored(encode(document));
        } catch (RuntimeException e) {
            return document.cloneDeeply();
        }
    }

    /** The document a stored value holds, as a copy of the caller's own; null for null. */
    static Document document(Object value) {
        return switch (value) {
            case null -> null;
            case Stored stored -> stored.decode();
            case Document old -> old.cloneDeeply();
            default -> throw new IllegalStateException("not a stored document: " + value.getClass().getName());
        };
    }

    @Override
    public void write(WriteBuffer buffer, Object value) {
        byte[] bson;
        if (value instanceof Stored stored) {
            bson = stored.bson;
        } else {
            try {
                bson = encode((Document) value);
            } catch (RuntimeException e) {
                legacy.write(buffer, value);
                return;
            }
        }
        buffer.put(BSON_TAG).putVarInt(bson.length).put(bson);
    }

    @Override
    public Object read(ByteBuffer buffer) {
        if (buffer.get(buffer.position()) != BSON_TAG) {
            return legacy.read(buffer);
        }
        buffer.get();
        byte[] bson = new byte[DataUtils.readVarInt(buffer)];
        buffer.get(bson);
        return new Stored(bson);
    }

    static byte[] encode(Document document) {
        ByteBuf out = Unpooled.buffer(512);
        BsonEncoder.encodeDocument(document, out);
        byte[] bytes = new byte[out.readableBytes()];
        out.readBytes(bytes);
        return bytes;
    }

    /**
     * About what the value takes on the heap, for MVStore's page cache (which samples it): without it, the cache
     * would count a document as a few bytes and hold far more of them than its size says.
     */
    @Override
    public int getMemory(Object value) {
        return value instanceof Stored stored ? 32 + stored.bson.length
                : (int) Math.min(Integer.MAX_VALUE, estimate(value));
    }

    private static long estimate(Object value) {
        return switch (value) {
            case null -> 0;
            case String text -> 40 + text.length();
            case Map<?, ?> map -> 64 + map.entrySet().stream()
                    .mapToLong(e -> ENTRY_BYTES + estimate(e.getKey()) + estimate(e.getValue())).sum();
            case Collection<?> list -> 40 + list.stream().mapToLong(v -> 8 + estimate(v)).sum();
            default -> 24;
        };
    }

    @Override
    public Object[] createStorage(int size) {
        return new Object[size];
    }
}
