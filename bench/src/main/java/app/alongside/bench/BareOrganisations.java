package app.alongside.bench;

import app.alongside.identity.Authentication;
import app.alongside.identity.SessionRepository;
import app.alongside.identity.StaffRepository;
import app.alongside.organisations.Organisation;
import app.alongside.organisations.OrganisationRepository;
import app.alongside.platform.core.Connections;
import app.alongside.platform.core.GlobalIds;
import app.alongside.platform.graphql.PersistedQueries;
import app.alongside.platform.http.RateLimiter;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.Handler;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import org.bson.Document;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The organisation list without GraphQL: the reads the App does for the same request, one after the other, on the
 * same collections with the same filters: the session by the hash of its cookie token (CSRF and expiry checked),
 * the staff member and their organisation by id (active admin checked), then the page, newest first, one more
 * than asked. The same rate-limit buckets are taken. The App's once-a-minute session touch is left out.
 */
final class BareOrganisations implements Handler {
    private final MongoCollection<Document> sessions;
    private final MongoCollection<Document> staff;
    private final MongoCollection<Document> organisations;
    private final RateLimiter limiter;

    BareOrganisations(MongoDatabase db, RateLimiter limiter) {
        this.sessions = db.getCollection(SessionRepository.COLLECTION);
        this.staff = db.getCollection(StaffRepository.COLLECTION);
        this.organisations = db.getCollection(OrganisationRepository.COLLECTION);
        this.limiter = limiter;
    }

    @Override
    public void handle(ServerRequest req, ServerResponse res) {
        limiter.acquire("ip:" + ((InetSocketAddress) req.remotePeer().address()).getAddress().getHostAddress());
        Optional<String> admin = adminStaffId(req);
        if (admin.isEmpty()) {
            res.status(Status.UNAUTHORIZED_401).send();
            return;
        }
        limiter.acquire("staff:" + admin.get());
        int first = req.query().first("first").asInt().orElse(Connections.DEFAULT_PAGE_SIZE);
        List<Document> found = organisations.find(new Document()).sort(Connections.NEWEST_FIRST).limit(first + 1)
                .into(new ArrayList<>());
        List<Map<String, Object>> edges = found.stream().limit(first).map(doc -> Map.<String, Object>of("node",
                node(doc))).toList();
        Exchanges.sendData(res, Map.of("organisations", Map.of("edges", edges)));
    }

    private Optional<String> adminStaffId(ServerRequest req) {
        Optional<String> token = req.headers().cookies().first(Authentication.SESSION_COOKIE).asOptional();
        Optional<String> csrf = req.headers().first(HeaderNames.create(Authentication.CSRF_HEADER));
        if (token.isEmpty() || csrf.isEmpty()) {
            return Optional.empty();
        }
        Document session = sessions.find(Filters.eq("_id", PersistedQueries.sha256(token.get()))).first();
        Date now = new Date();
        if (session == null || now.after(session.getDate("idleExpiresAt"))
                || now.after(session.getDate("absoluteExpiresAt"))
                || !same(csrf.get(), session.getString("csrfToken"))) {
            return Optional.empty();
        }
        Document member = staff.find(Filters.eq("_id", session.getString("staffId"))).first();
        if (member == null || !member.getBoolean("active", true) || !"ADMIN".equals(member.getString("role"))) {
            return Optional.empty();
        }
        Document org = organisations.find(Filters.eq("_id", member.getString("organisationId"))).first();
        return org != null && org.getBoolean("active", true) ? Optional.of(member.getString("_id")) : Optional.empty();
    }

    private static Map<String, Object> node(Document doc) {
        Map<String, Object> node = new LinkedHashMap<>();
        node.put("id", GlobalIds.encode(Organisation.TYPE, doc.getString("_id")));
        node.put("name", doc.getString("name"));
        node.put("kind", doc.getString("kind"));
        return node;
    }

    private static boolean same(String a, String b) {
        return MessageDigest.isEqual(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }
}
