package app.alongside.privacy.retention;

import com.mongodb.client.MongoDatabase;
import org.bson.BsonArray;
import org.bson.BsonDocument;
import org.bson.BsonValue;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What the store holds, read straight from it: for every collection, every field path of every document (nested
 * with dots, array elements as {@code []}) and the BSON types seen there. A map whose keys are data (ids, names of
 * fields a record kind has) is declared with a {@code .*} path in the descriptions and read as one field.
 */
final class StoredShapes {
    private StoredShapes() {
    }

    /** Collection, then field path, then types, all sorted. {@code wildcards} holds "collection|path" prefixes. */
    static Map<String, Map<String, Set<String>>> read(MongoDatabase db, Set<String> wildcards) {
        Map<String, Map<String, Set<String>>> shapes = new TreeMap<>();
        for (String collection : db.listCollectionNames()) {
            Map<String, Set<String>> fields = new TreeMap<>();
            for (BsonDocument document : db.getCollection(collection, BsonDocument.class).find()) {
                walk(collection, "", document, fields, wildcards);
            }
            shapes.put(collection, fields);
        }
        return shapes;
    }

    private static void walk(String collection, String prefix, BsonDocument document, Map<String, Set<String>> fields,
                             Set<String> wildcards) {
        boolean anyKey = !prefix.isEmpty() && wildcards.contains(collection + "|" + prefix.substring(0,
                prefix.length() - 1));
        document.forEach((key, value) -> {
            String path = prefix + (anyKey ? "*" : key);
            add(collection, path, value, fields, wildcards);
        });
    }

    private static void add(String collection, String path, BsonValue value, Map<String, Set<String>> fields,
                            Set<String> wildcards) {
        fields.computeIfAbsent(path, p -> new TreeSet<>()).add(type(value));
        if (value instanceof BsonDocument nested) {
            walk(collection, path + ".", nested, fields, wildcards);
        } else if (value instanceof BsonArray array) {
            for (BsonValue element : array) {
                if (element instanceof BsonDocument nested) {
                    walk(collection, path + "[].", nested, fields, wildcards);
                } else {
                    add(collection, path + "[]", element, fields, wildcards);
                }
            }
        }
    }

    /** The type's name as MongoDB's {@code $type} spells it. */
    private static String type(BsonValue value) {
        return switch (value.getBsonType()) {
            case STRING -> "string";
            case DATE_TIME -> "date";
            case INT32 -> "int";
            case INT64 -> "long";
            case DOUBLE -> "double";
            case DECIMAL128 -> "decimal";
            case BOOLEAN -> "bool";
            case DOCUMENT -> "object";
            case ARRAY -> "array";
            case NULL -> "null";
            case OBJECT_ID -> "objectId";
            case BINARY -> "binData";
            case TIMESTAMP -> "timestamp";
            default -> value.getBsonType().name().toLowerCase(java.util.Locale.ROOT);
        };
    }
}
