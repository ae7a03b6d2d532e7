package dev.remotemedia.signaling.server;

import static java.util.Objects.requireNonNull;

import com.google.protobuf.InvalidProtocolBufferException;
import com.linecorp.armeria.common.HttpData;
import com.linecorp.armeria.common.HttpHeaderNames;
import com.linecorp.armeria.common.HttpMethod;
import com.linecorp.armeria.common.HttpRequest;
import com.linecorp.armeria.common.HttpResponse;
import com.linecorp.armeria.common.HttpResponseWriter;
import com.linecorp.armeria.common.HttpStatus;
import com.linecorp.armeria.common.MediaType;
import com.linecorp.armeria.common.ResponseHeaders;
import com.linecorp.armeria.common.ResponseHeadersBuilder;
import com.linecorp.armeria.server.HttpService;
import com.linecorp.armeria.server.ServiceRequestContext;
import dev.remotemedia.rtc.common.Nullable;
import dev.remotemedia.rtc.common.error.GrpcStatusCode;
import dev.remotemedia.signaling.grpc.v1.AckResponse;
import dev.remotemedia.signaling.grpc.v1.JoinRequest;
import dev.remotemedia.signaling.grpc.v1.SessionRequest;
import dev.remotemedia.signaling.grpc.v1.SignalingResponse;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * gRPC-Web for browsers on the HTTP port, no proxy (DESIGN.md §5.2): {@code Join} (server stream)
 * and {@code Send} (unary) of {@code remotemedia.v1.WebRtcSignaling}, in
 * {@code application/grpc-web(+proto)} and {@code application/grpc-web-text(+proto)}, with CORS
 * for the allowed origins ({@code SIGNALING_ALLOWED_ORIGINS}; empty: the server's own origin
 * only). Mount it under {@link #PATH_PREFIX}. Joined peers are on the same hub as {@code /ws} and
 * {@code Signal} peers.
 */
final class GrpcWebService implements HttpService {
    private static final Logger logger = LoggerFactory.getLogger(GrpcWebService.class);
    /** Where the two methods live: {@code /remotemedia.v1.WebRtcSignaling/Join} and {@code .../Send}. */
    static final String PATH_PREFIX = "/remotemedia.v1.WebRtcSignaling/";
    static final Duration SEQ_WAIT = Duration.ofSeconds(2);
    private static final int MAX_HELD_SENDS = 64;
    private static final String ALLOWED_HEADERS =
            "content-type,x-grpc-web,x-user-agent,grpc-timeout,authorization";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SignalingServer signaling;
    private final GrpcRequests requests;
    private final Map<String, JoinSession> sessions = new ConcurrentHashMap<>();

    GrpcWebService(SignalingServer signaling) {
        this.signaling = requireNonNull(signaling, "signaling");
        requests = new GrpcRequests(signaling.hub());
    }

    int sessionCount() {
        return sessions.size();
    }

    /** Ends every Join stream (UNAVAILABLE); their peers leave. */
    void closeAll() {
        sessions.values().forEach(s -> s.end(GrpcStatusCode.UNAVAILABLE, "the server is shutting down"));
    }

    @Override
    public HttpResponse serve(ServiceRequestContext ctx, HttpRequest req) {
        final String origin = req.headers().get(HttpHeaderNames.ORIGIN);
        if (!signaling.origins().allows(origin, req.authority(), ctx.sessionProtocol().isTls())) {
            return HttpResponse.of(HttpStatus.FORBIDDEN, MediaType.PLAIN_TEXT_UTF_8,
                                   "origin not allowed: " + origin + " (see SIGNALING_ALLOWED_ORIGINS)");
        }
        if (req.method() == HttpMethod.OPTIONS) {
            return preflight(origin);
        }
        final String method = ctx.path().startsWith(PATH_PREFIX) ? ctx.path().substring(PATH_PREFIX.length()) : "";
        if (req.method() != HttpMethod.POST || !"Join".equals(method) && !"Send".equals(method)) {
            return HttpResponse.of(HttpStatus.NOT_FOUND, MediaType.PLAIN_TEXT_UTF_8,
                                   "no such gRPC-Web method: " + req.method() + ' ' + ctx.path()
                                   + " (expected: POST " + PATH_PREFIX + "Join or Send)");
        }
        final MediaType type = req.contentType();
        final String subtype = type == null ? "" : type.subtype().toLowerCase(Locale.ROOT);
        final boolean text;
        if (type != null && "application".equals(type.type())
            && (subtype.equals("grpc-web") || subtype.equals("grpc-web+proto"))) {
            text = false;
        } else if (type != null && "application".equals(type.type())
                   && (subtype.equals("grpc-web-text") || subtype.equals("grpc-web-text+proto"))) {
            text = true;
        } else {
            return HttpResponse.of(HttpStatus.UNSUPPORTED_MEDIA_TYPE, MediaType.PLAIN_TEXT_UTF_8,
                                   "content-type: " + type + " (expected: application/grpc-web+proto or "
                                   + "application/grpc-web-text+proto)");
        }
        // Room for a few messages of the limit in base64, so an oversized message gets its gRPC status;
        // Armeria refuses a larger body with 413.
        ctx.setMaxRequestLength(4L * (signaling.maxMessageBytes() + GrpcWebFrames.HEADER_BYTES));
        final Reply reply = new Reply(origin, text);
        final String bearer = req.headers().get(HttpHeaderNames.AUTHORIZATION);
        final String remote = String.valueOf(ctx.remoteAddress());
        if ("Join".equals(method)) {
            ctx.clearRequestTimeout(); // the stream lasts as long as the peer stays
        }
        return HttpResponse.of(req.aggregate().handle((body, cause) -> {
            if (cause != null) {
                return reply.status(GrpcStatusCode.RESOURCE_EXHAUSTED, "the request body could not be read: "
                                    + cause.getClass().getSimpleName());
            }
            final GrpcWebFrames.Decoded decoded = GrpcWebFrames.decodeRequest(body.content().array(), text,
                                                                               signaling.maxMessageBytes());
            if (decoded.message() == null) {
                return reply.status(GrpcStatusCode.valueOf(decoded.status()), requireNonNull(decoded.error(), "error"));
            }
            return "Join".equals(method) ? join(ctx, decoded.message(), reply, bearer, remote)
                                         : send(decoded.message(), reply);
        }));
    }

    private static HttpResponse preflight(@Nullable String origin) {
        final ResponseHeadersBuilder headers = ResponseHeaders.builder(HttpStatus.NO_CONTENT)
                .add(HttpHeaderNames.ACCESS_CONTROL_ALLOW_METHODS, "POST")
                .add(HttpHeaderNames.ACCESS_CONTROL_ALLOW_HEADERS, ALLOWED_HEADERS)
                .add(HttpHeaderNames.ACCESS_CONTROL_MAX_AGE, "600")
                .add(HttpHeaderNames.VARY, "origin");
        if (origin != null) {
            headers.add(HttpHeaderNames.ACCESS_CONTROL_ALLOW_ORIGIN, origin);
        }
        return HttpResponse.of(headers.build());
    }

    private HttpResponse join(ServiceRequestContext ctx, byte[] message, Reply reply, @Nullable String bearer,
                              String remote) {
        final JoinRequest join;
        try {
            join = JoinRequest.parseFrom(message);
        } catch (InvalidProtocolBufferException e) {
            return reply.status(GrpcStatusCode.INVALID_ARGUMENT, "undecodable JoinRequest: " + e.getMessage());
        }
        final HttpResponseWriter writer = HttpResponse.streaming();
        writer.write(reply.headers());
        final String id = newSessionId();
        final JoinSession session = new JoinSession(id, writer, reply.text, remote, bearerMatches(bearer));
        sessions.put(id, session);
        writer.whenComplete().handle((unused, cause) -> {
            session.ended("connection closed");
            return null;
        });
        ctx.whenRequestCancelled().thenRun(() -> session.ended("connection lost"));
        final String token = !join.getAuthToken().isEmpty() ? join.getAuthToken()
                             : join.getAnnounce().getAuthToken();
        requests.announce(session.peer, join.getAnnounce().toBuilder().setAuthToken(token).build())
                .whenComplete((ack, failure) -> {
                    if (failure != null) {
                        final var error = ProtoMapping.error(failure, "Join");
                        session.end(GrpcStatusCode.valueOf(error.getStatus()), error.getMessage());
                    } else {
                        session.joined(ack.toBuilder().setSessionId(id).build());
                    }
                });
        return writer;
    }

    private HttpResponse send(byte[] message, Reply reply) {
        final SessionRequest request;
        try {
            request = SessionRequest.parseFrom(message);
        } catch (InvalidProtocolBufferException e) {
            return reply.status(GrpcStatusCode.INVALID_ARGUMENT, "undecodable SessionRequest: " + e.getMessage());
        }
        final JoinSession session = sessions.get(request.getSessionId());
        if (session == null || session.isEnded()) {
            return reply.status(GrpcStatusCode.FAILED_PRECONDITION, "session_id: '" + request.getSessionId()
                                + "' names no joined session (it never existed or its Join stream ended)");
        }
        if (request.getSeq() == 0) {
            return reply.status(GrpcStatusCode.INVALID_ARGUMENT, "seq: 0 (expected: 1 for a session's first Send, "
                                + "then one more for each)");
        }
        if (request.getRequest().getRequestId().isEmpty()) {
            return reply.status(GrpcStatusCode.INVALID_ARGUMENT, "request.request_id: missing; every request "
                                + "needs a non-empty request_id");
        }
        if (!session.bucket()) {
            session.end(GrpcStatusCode.RESOURCE_EXHAUSTED, "rate limit exceeded: more than "
                        + signaling.messagesPerSecond() + " Send calls per second (burst " + signaling.messageBurst()
                        + "); the session is closed");
            return reply.status(GrpcStatusCode.RESOURCE_EXHAUSTED, "rate limit exceeded; the session is closed");
        }
        final CompletableFuture<HttpResponse> response = new CompletableFuture<>();
        session.sequencer.submit(request.getSeq(), new PendingSend(request, reply, response));
        return HttpResponse.of(response);
    }

    private boolean bearerMatches(@Nullable String header) {
        return header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)
               && signaling.hub().tokenMatches(header.substring(7).strip());
    }

    private static String newSessionId() {
        final byte[] bytes = new byte[18];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private record PendingSend(SessionRequest request, Reply reply, CompletableFuture<HttpResponse> response) {}

    /** How responses to one request are framed: content type, CORS and text mode. */
    private static final class Reply {
        final @Nullable String origin;
        final boolean text;

        Reply(@Nullable String origin, boolean text) {
            this.origin = origin;
            this.text = text;
        }

        ResponseHeaders headers() {
            final ResponseHeadersBuilder headers = ResponseHeaders.builder(HttpStatus.OK).contentType(
                    MediaType.parse(text ? "application/grpc-web-text+proto" : "application/grpc-web+proto"));
            if (origin != null) {
                headers.add(HttpHeaderNames.ACCESS_CONTROL_ALLOW_ORIGIN, origin)
                       .add(HttpHeaderNames.ACCESS_CONTROL_EXPOSE_HEADERS, "grpc-status,grpc-message")
                       .add(HttpHeaderNames.VARY, "origin");
            }
            return headers.build();
        }

        HttpData message(SignalingResponse response) {
            return HttpData.wrap(GrpcWebFrames.encode(GrpcWebFrames.messageFrame(response.toByteArray()), text));
        }

        HttpData trailers(GrpcStatusCode status, String message) {
            return HttpData.wrap(GrpcWebFrames.encode(GrpcWebFrames.trailerFrame(status.value(), message), text));
        }

        /** A response with no message: the status in the headers (trailers-only) and in a trailer frame. */
        HttpResponse status(GrpcStatusCode status, String message) {
            final ResponseHeaders headers = headers().toBuilder()
                    .add("grpc-status", Integer.toString(status.value()))
                    .add("grpc-message", GrpcWebFrames.percentEncode(message)).build();
            return HttpResponse.of(headers, trailers(status, message));
        }

        HttpResponse unary(SignalingResponse response) {
            return HttpResponse.of(headers(), HttpData.wrap(concat(message(response).array(),
                                                                   trailers(GrpcStatusCode.OK, "").array())));
        }

        private static byte[] concat(byte[] a, byte[] b) {
            final byte[] out = Arrays.copyOf(a, a.length + b.length);
            System.arraycopy(b, 0, out, a.length, b.length);
            return out;
        }
    }

    /** One joined browser: its hub session, its Join stream and the order of its Send calls. */
    private final class JoinSession {
        final String id;
        final PeerSession peer;
        final SendSequencer<PendingSend> sequencer;
        private final HttpResponseWriter writer;
        private final Reply reply;
        private final TokenBucket rate;
        private final AtomicLong queuedBytes = new AtomicLong();
        private final AtomicBoolean ended = new AtomicBoolean();
        /** Notifications that came before the first response (the ack) was written; null once it was. */
        private @Nullable List<SignalingResponse> early = new ArrayList<>();

        JoinSession(String id, HttpResponseWriter writer, boolean text, String remote, boolean bearerAuthorized) {
            this.id = id;
            this.writer = writer;
            reply = new Reply(null, text);
            rate = new TokenBucket(signaling.messagesPerSecond(), signaling.messageBurst(),
                                   signaling.timeSource().nowNanos());
            peer = new PeerSession(new WebLink(remote), Dialect.GRPC, bearerAuthorized);
            sequencer = new SendSequencer<>(this::apply, this::refuse, signaling.scheduler(), SEQ_WAIT,
                                            MAX_HELD_SENDS);
        }

        synchronized boolean bucket() {
            return rate.tryTake(1, signaling.timeSource().nowNanos());
        }

        boolean isEnded() {
            return ended.get();
        }

        void joined(AckResponse ack) {
            final List<SignalingResponse> before;
            synchronized (this) {
                write(SignalingResponse.newBuilder().setAck(ack).build());
                before = early;
                early = null;
            }
            if (before != null) {
                before.forEach(this::write);
            }
        }

        void notify(SignalingResponse response) {
            synchronized (this) {
                if (early != null) {
                    early.add(response);
                    return;
                }
            }
            write(response);
        }

        private void write(SignalingResponse response) {
            if (ended.get()) {
                return;
            }
            final HttpData data = reply.message(response);
            final long queued = queuedBytes.addAndGet(data.length());
            if (queued > signaling.maxQueuedBytes()) {
                signaling.droppedSlowClientCounter().incrementAndGet();
                logger.info("dropping gRPC-Web session {} of {}: {} bytes wait for it; it does not read", id, peer,
                            queued);
                end(GrpcStatusCode.RESOURCE_EXHAUSTED, "the client does not read: " + queued + " bytes wait for it");
                return;
            }
            if (writer.tryWrite(data)) {
                writer.whenConsumed().thenRun(() -> queuedBytes.addAndGet(-data.length()));
            }
        }

        private void apply(PendingSend send) {
            requests.handle(peer, send.request().getRequest()).thenAccept(response -> {
                send.response().complete(send.reply().unary(response));
                if (send.request().getRequest().hasDisconnect() && response.hasAck()
                    && send.request().getRequest().getDisconnect().getToPeerId().isEmpty()) {
                    end(GrpcStatusCode.OK, "");
                }
            });
        }

        private void refuse(PendingSend send, GrpcStatusCode status, String message) {
            send.response().complete(send.reply().status(status, message));
        }

        /** Ends the Join stream with {@code status}; the peer leaves. */
        void end(GrpcStatusCode status, String message) {
            if (!ended.get()) {
                writer.tryWrite(reply.trailers(status, message));
                writer.close();
            }
            ended(status == GrpcStatusCode.OK ? "disconnected" : "connection closed");
        }

        void ended(String reason) {
            if (ended.compareAndSet(false, true)) {
                sessions.remove(id, this);
                signaling.hub().sessionClosed(peer, reason);
            }
        }

        /** The hub's events as notifications on this Join stream. */
        private final class WebLink extends GrpcNotificationLink {
            WebLink(String remote) {
                super(remote);
            }

            @Override
            void deliver(SignalingResponse notification) {
                JoinSession.this.notify(notification);
            }

            @Override
            public void abort() {
                end(GrpcStatusCode.UNAVAILABLE, "dropped by the server");
            }
        }
    }
}
