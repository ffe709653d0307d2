package app.alongside.identity;

import app.alongside.kernel.OrganisationKind;
import app.alongside.kernel.StaffRole;
import app.alongside.organisations.Organisation;
import app.alongside.organisations.OrganisationRepository;
import app.alongside.platform.config.StartupException;
import app.alongside.platform.core.ApiException;
import app.alongside.platform.core.Ids;
import com.mongodb.MongoWriteException;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * Creates the first admin (and the platform operator organisation) from {@code BOOTSTRAP_ADMIN_EMAIL} and
 * {@code BOOTSTRAP_ADMIN_PASSWORD} when no admin exists yet; once one does, it does nothing. A weak password
 * stops the server from starting rather than leaving an easy way in.
 */
public final class BootstrapAdmin {
    private static final Logger LOG = Logger.getLogger(BootstrapAdmin.class.getName());

    /** The settings; email empty means no bootstrap. */
    public record Settings(Optional<String> email, Optional<String> password, String name, String organisation) {
    }

    private final Settings settings;
    private final StaffRepository staff;
    private final OrganisationRepository organisations;
    private final Passwords passwords;
    private final Clock clock;

    public BootstrapAdmin(Settings settings, StaffRepository staff, OrganisationRepository organisations,
                          Passwords passwords, Clock clock) {
        this.settings = settings;
        this.staff = staff;
        this.organisations = organisations;
        this.passwords = passwords;
        this.clock = clock;
        validate();
    }

    private void validate() {
        if (settings.email().isEmpty()) {
            return;
        }
        String password = settings.password().orElseThrow(() -> new StartupException(
                "BOOTSTRAP_ADMIN_EMAIL is set but BOOTSTRAP_ADMIN_PASSWORD is not"));
        try {
            passwords.requireStrong(password, settings.email().get(), List.of("BOOTSTRAP_ADMIN_PASSWORD"));
        } catch (ApiException e) {
            throw new StartupException("BOOTSTRAP_ADMIN_PASSWORD is refused: " + e.getMessage() + " (at least "
                    + Passwords.MIN_LENGTH + " characters, not a common password)");
        }
    }

    /** Creates the admin if none exists; safe to run on every start and on several instances at once. */
    public void run() {
        if (settings.email().isEmpty() || staff.anyWithRole(StaffRole.ADMIN)) {
            return;
        }
        Instant now = clock.instant();
        Organisation operator = organisations.findByName(settings.organisation()).orElseGet(() -> {
            Organisation org = new Organisation(Ids.random(), settings.organisation(),
                    OrganisationKind.PLATFORM_OPERATOR, null, null, List.of(), true, now, now);
            insertQuietly(() -> organisations.insert(org));
            return organisations.findByName(settings.organisation()).orElseThrow();
        });
        StaffMember admin = new StaffMember(Ids.random(), settings.name(), settings.email().get(), StaffRole.ADMIN,
                operator.id(), true, passwords.hash(settings.password().orElseThrow()), 0, null, now, now, false);
        insertQuietly(() -> staff.insert(admin));
        LOG.info(() -> "bootstrap admin " + settings.email().get() + " created");
    }

    private static void insertQuietly(Runnable insert) {
        try {
            insert.run();
        } catch (MongoWriteException e) {
            if (!app.alongside.platform.store.Mongo.isDuplicateKey(e)) {
                throw e;
            }
            // Another instance got there first.
        }
    }
}
