package app.alongside.privacy.erasure;

import app.alongside.platform.core.ErasableData;

import java.time.Clock;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Collectors;

/**
 * Carries out an approved erasure: runs each domain's hook in turn and records on the request, after each one,
 * that it ran and what it erased. A run cut short (the server stopped) leaves the request approved and not
 * carried out; running it again skips the hooks already recorded, and each hook is safe to repeat anyway, since
 * one may have erased its data and stopped before its step was written.
 */
final class Erasure {
    private static final Logger LOG = Logger.getLogger(Erasure.class.getName());

    private final ErasureRequestRepository requests;
    private final List<ErasableData> hooks;
    private final Clock clock;

    /** @throws IllegalStateException when the hooks are not exactly those the policy names (a start-up error) */
    Erasure(ErasureRequestRepository requests, ErasurePolicy policy, List<ErasableData> hooks, Clock clock) {
        Set<String> given = hooks.stream().map(ErasableData::name).collect(Collectors.toCollection(TreeSet::new));
        Set<String> named = new TreeSet<>(policy.hooks());
        if (!given.equals(named) || given.size() != hooks.size()) {
            throw new IllegalStateException("erasure hooks " + given + " differ from erasure-policy.json " + named);
        }
        this.requests = requests;
        this.hooks = List.copyOf(hooks);
        this.clock = clock;
    }

    /** Runs every hook not yet recorded for the request, then marks it carried out; answers it as stored. */
    ErasureRequest carryOut(ErasureRequest request) {
        Set<String> done = new HashSet<>(requests.done(request.id()));
        for (ErasableData hook : hooks) {
            if (!done.contains(hook.name())) {
                long erased = hook.erase(request.youngPersonId()).erased();
                requests.recordStep(request.id(), hook.name(), erased, clock.instant());
            }
        }
        requests.markCarriedOut(request.id(), clock.instant());
        return requests.find(request.id()).orElseThrow();
    }

    /**
     * Finishes the erasures a stop or a failure cut short (once the store is ready, then every minute). One that
     * fails again is logged and left for the next round, so it never holds up the others or the server's start.
     */
    void resumeUnfinished() {
        for (ErasureRequest request : requests.unfinished()) {
            LOG.info("finishing the erasure of request " + request.id() + ", cut short before");
            try {
                carryOut(request);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "the erasure of request " + request.id() + " failed again; retried in a "
                        + "minute", e);
            }
        }
    }
}
