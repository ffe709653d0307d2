package app.alongside.push;

import app.alongside.platform.core.Ids;
import app.alongside.platform.store.IndexPlan;
import app.alongside.platform.store.Mongo;
import com.mongodb.MongoServerException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import org.bson.Document;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The {@code devices} collection. The token is unique: a token belongs to one person at a time, so registering
 * it from another account moves it there instead of sharing it.
 */
public final class DeviceRepository {
    public static final String COLLECTION = "devices";

    private final MongoCollection<Document> devices;

    public DeviceRepository(MongoDatabase db) {
        this.devices = db.getCollection(COLLECTION);
    }

    public static List<IndexPlan> indexes() {
        return List.of(IndexPlan.unique(COLLECTION, Indexes.ascending("token")),
                IndexPlan.of(COLLECTION, Indexes.descending("owner", "registeredAt")));
    }

    /** Binds {@code token} to {@code owner} with these details, creating the device or moving it here. */
    public Device register(String owner, String token, DevicePlatform platform, String appId, String appVersion,
                           String locale, Instant now) {
        var update = Updates.combine(Updates.set("owner", owner), Updates.set("platform", platform.name()),
                Updates.set("appId", appId), Updates.set("appVersion", appVersion), Updates.set("locale", locale),
                Updates.set("registeredAt", Date.from(now)), Updates.setOnInsert("_id", Ids.random()),
                Updates.setOnInsert("createdAt", Date.from(now)));
        var options = new FindOneAndUpdateOptions().upsert(true).returnDocument(ReturnDocument.AFTER);
        try {
            return fromDocument(devices.findOneAndUpdate(Filters.eq("token", token), update, options));
        } catch (MongoServerException e) {
            // A duplicate key from findOneAndUpdate is a MongoCommandException, not a MongoWriteException.
            if (!Mongo.isDuplicateKey(e)) {
                throw e;
            }
            // Two registrations of a new token raced; the other one inserted it, so this one updates it.
            return fromDocument(devices.findOneAndUpdate(Filters.eq("token", token), update, options));
        }
    }

    /** Removes the owner's devices beyond the {@code keep} registered most recently; answers how many went. */
    public int keepNewest(String owner, int keep) {
        List<Object> extra = devices.find(Filters.eq("owner", owner)).projection(Projections.include("_id"))
                .sort(Sorts.descending("registeredAt", "_id")).skip(keep).map(d -> d.get("_id"))
                .into(new ArrayList<>());
        if (extra.isEmpty()) {
            return 0;
        }
        return (int) devices.deleteMany(Filters.and(Filters.in("_id", extra), Filters.eq("owner", owner)))
                .getDeletedCount();
    }

    /** Removes {@code token} if it is {@code owner}'s; false when it is unknown or someone else's. */
    public boolean remove(String owner, String token) {
        return devices.deleteOne(Filters.and(Filters.eq("token", token), Filters.eq("owner", owner)))
                .getDeletedCount() == 1;
    }

    public List<Device> ofOwners(Collection<String> owners) {
        return devices.find(Filters.in("owner", owners)).map(DeviceRepository::fromDocument).into(new ArrayList<>());
    }

    public Map<String, Device> byTokens(Collection<String> tokens) {
        return devices.find(Filters.in("token", tokens)).map(DeviceRepository::fromDocument)
                .into(new ArrayList<>()).stream().collect(Collectors.toMap(Device::token, Function.identity()));
    }

    /** The devices among {@code ids} that are registered to {@code owner}, keyed by id. */
    public Map<String, Device> ofOwner(String owner, Collection<String> ids) {
        return devices.find(Filters.and(Filters.in("_id", ids), Filters.eq("owner", owner)))
                .map(DeviceRepository::fromDocument).into(new ArrayList<>()).stream()
                .collect(Collectors.toMap(Device::id, Function.identity()));
    }

    public long countOf(String owner) {
        return devices.countDocuments(Filters.eq("owner", owner));
    }

    private static Device fromDocument(Document doc) {
        return new Device(doc.getString("_id"), doc.getString("token"), doc.getString("owner"),
                DevicePlatform.valueOf(doc.getString("platform")), doc.getString("appId"),
                doc.getString("appVersion"), doc.getString("locale"), doc.getDate("registeredAt").toInstant());
    }

    /** Deletes every device of {@code owner} (erasure); answers how many went. */
    public long removeAll(String owner) {
        return devices.deleteMany(Filters.eq("owner", owner)).getDeletedCount();
    }
}
