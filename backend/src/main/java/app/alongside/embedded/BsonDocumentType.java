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
 * How the embedded file store writes a collection's documents: as BSON, the encoding the wire protocol already
 * uses, instead of the Java serialization MVStore falls back to for objects it does not know. A commit re-writes
 * every changed page whole, so this is most of the CPU of a durable write; BSON encodes several times faster and
 * smaller, and decodes faster when the store opens and rebuilds its indexes.
 *
 * <p>Files written before keep their Java-serialized documents, and they stay readable: each value starts with a
 * tag, ObjectDataType's tags end at 119, ours is {@link #BSON_TAG}; any other tag is read by ObjectDataType. A page
 * that changes is written back in BSON, so a store moves over as it is used. The documents a collection holds all
 * came through the wire protocol (decoded from BSON) or from the server's own update operators, whose values (numbers,
 * strings, Instants from dates in milliseconds, nested documents and lists) BSON keeps as they are; a value BSON
 * cannot hold would be written the old way rather than fail the commit.
 */
final class BsonDocumentType extends BasicDataType<Document> {
    static final BsonDocumentType INSTANCE = new BsonDocumentType();
    /** Above every tag ObjectDataType writes (its byte arrays of 0 to 15 bytes take 104 to 119). */
    static final byte BSON_TAG = (byte) 0xBD;
    private static final int ENTRY_BYTES = 56;

    private final ObjectDataType legacy = new ObjectDataType();

    private BsonDocumentType() {
    }

    @Override
    public void write(WriteBuffer buffer, Document document) {
        byte[] bson;
        try {
            bson = encode(document);
        } catch (RuntimeException e) {
            legacy.write(buffer, document);
            return;
        }
        buffer.put(BSON_TAG).putVarInt(bson.length).put(bson);
    }

    @Override
    public Document read(ByteBuffer buffer) {
        if (buffer.get(buffer.position()) != BSON_TAG) {
            return (Document) legacy.read(buffer);
        }
        buffer.get();
        int length = DataUtils.readVarInt(buffer);
        ByteBuf bson;
        if (buffer.hasArray()) {
            bson = Unpooled.wrappedBuffer(buffer.array(), buffer.arrayOffset() + buffer.position(), length);
            buffer.position(buffer.position() + length);
        } else {
            byte[] copy = new byte[length];
            buffer.get(copy);
            bson = Unpooled.wrappedBuffer(copy);
        }
        return BsonDecoder.decodeBson(bson);
    }

    static byte[] encode(Document document) {
        ByteBuf out = Unpooled.buffer(512);
        BsonEncoder.encodeDocument(document, out);
        byte[] bytes = new byte[out.readableBytes()];
        out.readBytes(bytes);
        return bytes;
    }

    /**
     * About what the document takes on the heap, for MVStore's page cache (which samples it): without it, the cache
     * would count a document as a few bytes and hold far more of them than its size says.
     */
    @Override
    public int getMemory(Document document) {
        return (int) Math.min(Integer.MAX_VALUE, estimate(document));
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
    public Document[] createStorage(int size) {
        return new Document[size];
    }
}
