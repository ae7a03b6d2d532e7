package dev.remotemedia.transport.session;

import static java.util.Objects.requireNonNull;

import dev.remotemedia.rtc.common.error.ErrorCode;
import dev.remotemedia.rtc.common.error.RemoteMediaException;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The sessions of a transport and their peers. A session id is 1 to 128 characters; a peer may be
 * in several sessions. Thread-safe.
 */
public final class SessionManager {

    /** Longest session id. */
    public static final int MAX_ID_LENGTH = 128;

    private final Clock wallClock;
    private final Map<String, Session> sessions = new LinkedHashMap<>();

    /** A manager whose sessions are stamped with the system clock. */
    public SessionManager() {
        this(Clock.systemUTC());
    }

    /** A manager whose sessions are stamped with {@code wallClock} (tests pass a fixed one). */
    public SessionManager(Clock wallClock) {
        this.wallClock = requireNonNull(wallClock, "wallClock");
    }

    /**
     * Creates an empty session.
     *
     * @throws RemoteMediaException {@link ErrorCode#INVALID_PARAMS} for a bad or taken id
     */
    public Session createSession(String sessionId) {
        checkId(sessionId);
        synchronized (sessions) {
            if (sessions.containsKey(sessionId)) {
                throw new RemoteMediaException(ErrorCode.INVALID_PARAMS,
                                               "sessionId: '" + sessionId + "' exists already");
            }
            Session s = new Session(sessionId, Instant.now(wallClock));
            sessions.put(sessionId, s);
            return s;
        }
    }

    /**
     * The session {@code sessionId}.
     *
     * @throws RemoteMediaException {@link ErrorCode#INVALID_PARAMS} if there is none
     */
    public Session getSession(String sessionId) {
        return findSession(sessionId).orElseThrow(() -> notFound(sessionId));
    }

    public Optional<Session> findSession(String sessionId) {
        requireNonNull(sessionId, "sessionId");
        synchronized (sessions) {
            return Optional.ofNullable(sessions.get(sessionId));
        }
    }

    public boolean hasSession(String sessionId) {
        return findSession(sessionId).isPresent();
    }

    /** The session ids, oldest first. */
    public List<String> listSessions() {
        synchronized (sessions) {
            return List.copyOf(sessions.keySet());
        }
    }

    /**
     * Removes a session (its peers stay connected).
     *
     * @return whether there was one
     */
    public boolean removeSession(String sessionId) {
        requireNonNull(sessionId, "sessionId");
        synchronized (sessions) {
            return sessions.remove(sessionId) != null;
        }
    }

    /**
     * Adds {@code peerId} to a session.
     *
     * @return false if it was in it already
     * @throws RemoteMediaException {@link ErrorCode#INVALID_PARAMS} if there is no such session
     */
    public boolean addPeerToSession(String sessionId, String peerId) {
        requireNonNull(peerId, "peerId");
        return getSession(sessionId).add(peerId);
    }

    /** Removes {@code peerId} from a session; false if it was not in it. */
    public boolean removePeerFromSession(String sessionId, String peerId) {
        return getSession(sessionId).remove(peerId);
    }

    /** Removes {@code peerId} from every session (it left); returns the sessions it was in. */
    public List<String> removePeer(String peerId) {
        requireNonNull(peerId, "peerId");
        synchronized (sessions) {
            return sessions.values().stream().filter(s -> s.remove(peerId)).map(Session::id).toList();
        }
    }

    /** The sessions {@code peerId} is in. */
    public List<String> sessionsOf(String peerId) {
        synchronized (sessions) {
            return sessions.values().stream().filter(s -> s.hasPeer(peerId)).map(Session::id).toList();
        }
    }

    private static void checkId(String sessionId) {
        requireNonNull(sessionId, "sessionId");
        if (sessionId.isEmpty() || sessionId.length() > MAX_ID_LENGTH || sessionId.isBlank()) {
            throw new RemoteMediaException(ErrorCode.INVALID_PARAMS, "sessionId: '" + sessionId
                                                                     + "' (expected: 1 to " + MAX_ID_LENGTH
                                                                     + " characters, not blank)");
        }
    }

    private static RemoteMediaException notFound(String sessionId) {
        return new RemoteMediaException(ErrorCode.INVALID_PARAMS, "sessionId: no session '" + sessionId + "'");
    }
}
