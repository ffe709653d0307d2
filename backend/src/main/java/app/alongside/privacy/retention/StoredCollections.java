package app.alongside.privacy.retention;

import app.alongside.audit.AuditLog;
import app.alongside.entitlements.EntitlementsModule;
import app.alongside.identity.InviteRepository;
import app.alongside.identity.SessionRepository;
import app.alongside.identity.StaffRepository;
import app.alongside.identity.YoungPersonRepository;
import app.alongside.messaging.AdvocacyRepository;
import app.alongside.messaging.ChangeStreamEventBus;
import app.alongside.messaging.MessageRepository;
import app.alongside.messaging.ServiceSettingsRepository;
import app.alongside.messaging.ThreadRepository;
import app.alongside.opportunities.InterestRepository;
import app.alongside.opportunities.OpportunityRepository;
import app.alongside.organisations.OrganisationRepository;
import app.alongside.platform.store.Idempotency;
import app.alongside.privacy.corrections.CorrectionRepository;
import app.alongside.privacy.corrections.DisputeRepository;
import app.alongside.privacy.erasure.ErasureModule;
import app.alongside.privacy.notices.Notices;
import app.alongside.push.DeviceRepository;
import app.alongside.push.NotificationRepository;
import app.alongside.push.PreferencesRepository;
import app.alongside.records.GoalRepository;
import app.alongside.records.RecordIndex;
import app.alongside.records.RecordRepository;

import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Every collection the platform stores, named by the constants of the code that owns it, so that a retention rule
 * for a collection nobody stores, or a stored collection without a rule, stops the server. A new collection is
 * added here and given a rule in {@code retention-rules.json}; {@code DataInventoryIT} fails until both are done.
 */
final class StoredCollections {
    /** Written by the store schema itself ({@code StoreSchema}), which has no constant for it. */
    static final String MIGRATIONS = "migrations";

    static final Set<String> ALL = Stream.of(Notices.COLLECTIONS.stream(), EntitlementsModule.COLLECTIONS.stream(),
            Stream.of(
            OrganisationRepository.COLLECTION, StaffRepository.COLLECTION, SessionRepository.COLLECTION,
            YoungPersonRepository.COLLECTION, YoungPersonRepository.ACCOUNTS, InviteRepository.COLLECTION,
            RecordRepository.COLLECTION, GoalRepository.COLLECTION, RecordIndex.COLLECTION,
            OpportunityRepository.COLLECTION, InterestRepository.INTERESTS, InterestRepository.SAVED,
            AdvocacyRepository.COLLECTION, ThreadRepository.COLLECTION, MessageRepository.COLLECTION,
            ServiceSettingsRepository.SERVICES, ServiceSettingsRepository.PHRASES, ServiceSettingsRepository.CONCERNS,
            ChangeStreamEventBus.COLLECTION, DeviceRepository.COLLECTION, NotificationRepository.COLLECTION,
            PreferencesRepository.COLLECTION, AuditLog.COLLECTION, Idempotency.COLLECTION, MIGRATIONS,
            RetentionRuns.COLLECTION, CorrectionRepository.COLLECTION, DisputeRepository.COLLECTION,
            ErasureModule.COLLECTION)).flatMap(s -> s).collect(Collectors.toUnmodifiableSet());

    private StoredCollections() {
    }
}
