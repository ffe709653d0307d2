package app.alongside.embedded;

import org.h2.mvstore.MVStore;

import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Makes writes durable with as few file syncs as possible: a writer whose change is in the store asks for a commit;
 * the first asker commits the store and syncs the file for every change made before it started, and writers that
 * asked meanwhile wait for that or the next round instead of syncing on their own.
 */
public final class GroupCommit {
    /** Journaled writes served, and the commit-and-sync rounds that served them. */
    public record Counts(long writes, long syncs) {
    }

    private final MVStore store;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition synced = lock.newCondition();
    private long requested;
    private long durable;
    private long syncs;
    private boolean syncing;

    GroupCommit(MVStore store) {
        this.store = store;
    }

    /** Returns once every change this thread made before calling is committed and synced to disk. */
    void awaitDurable() {
        lock.lock();
        try {
            long mine = ++requested;
            while (durable < mine) {
                if (syncing) {
                    synced.awaitUninterruptibly();
                } else {
                    syncRound();
                }
            }
        } finally {
            lock.unlock();
        }
    }

    /** Commits and syncs everything requested so far; called and returns holding the lock. */
    private void syncRound() {
        syncing = true;
        long target = requested;
        lock.unlock();
        boolean done = false;
        try {
            store.commit();
            store.sync();
            done = true;
        } finally {
            lock.lock();
            syncing = false;
            if (done) {
                durable = Math.max(durable, target);
                syncs++;
            }
            synced.signalAll();
        }
    }

    Counts counts() {
        lock.lock();
        try {
            return new Counts(requested, syncs);
        } finally {
            lock.unlock();
        }
    }
}
