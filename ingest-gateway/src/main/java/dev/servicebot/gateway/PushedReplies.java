package dev.servicebot.gateway;

import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashSet;

/**
 * The replies one socket already has, pushed live or returned by a {@code resume} or {@code history}, so
 * that the same reply is never written to it twice. Redeliveries are normal: a restarted notifier pushes
 * again what it had not committed, and a client that resumed while the notifier was down already has
 * from the history what the notifier then pushes late. Reply ids are deterministic, so an id seen is
 * the same reply. Bounded: a redelivery follows its original within seconds, so the newest ids are enough.
 */
final class PushedReplies {
    static final int CAPACITY = 256;

    private final LinkedHashSet<String> ids = new LinkedHashSet<>();

    /** True the first time an id is given (remembering it), false for a copy the socket already has. */
    synchronized boolean firstTime(String id) {
        if (!ids.add(id)) {
            return false;
        }
        if (ids.size() > CAPACITY) {
            Iterator<String> oldest = ids.iterator();
            oldest.next();
            oldest.remove();
        }
        return true;
    }

    /** Ids the socket is being given in a history page. */
    synchronized void given(Collection<String> given) {
        given.forEach(this::firstTime);
    }
}
