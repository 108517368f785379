package dev.auscult.server.http;

import dev.auscult.server.service.ApiError;
import dev.auscult.server.service.Devices;
import dev.auscult.server.service.Policies;
import dev.auscult.server.service.Reports;
import dev.auscult.server.store.Failures;
import graphql.ExecutionInput;
import graphql.ExecutionResult;
import graphql.GraphQL;
import graphql.GraphQLError;
import graphql.GraphqlErrorBuilder;
import graphql.execution.DataFetcherExceptionHandler;
import graphql.execution.DataFetcherExceptionHandlerResult;
import graphql.analysis.MaxQueryComplexityInstrumentation;
import graphql.analysis.MaxQueryDepthInstrumentation;
import graphql.execution.instrumentation.ChainedInstrumentation;
import graphql.schema.DataFetchingEnvironment;
import graphql.schema.idl.RuntimeWiring;
import graphql.schema.idl.SchemaGenerator;
import graphql.schema.idl.SchemaParser;
import graphql.schema.idl.TypeRuntimeWiring;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * The agent ↔ backend contract, version 1, executed with graphql-java against the schema file shipped in
 * the agent ({@code dev/auscult/sync/agent-api.graphqls}): one source of truth for both sides.
 */
public final class AgentApi {

    /** Per request: who is calling (headers) and from where (for the activation attempt limit). */
    /** One request as the API sees it; {@code proof}, {@code url} and {@code body} are what a key-bound device's proof covers. */
    public record Call(Optional<String> accountHeader, Optional<String> authorization, String client, Optional<String> proof,
                       java.net.URI url, byte[] body) {
    }

    /** The error code of the server's own trouble: the endpoint turns it into HTTP 503 with Retry-After. */
    static final String UNAVAILABLE = "UNAVAILABLE";

    private final GraphQL graphQl;
    private final Devices devices;
    private final Reports reports;
    private final Policies policies;
    private final dev.auscult.server.service.DeviceProofs proofs;

    private final dev.auscult.server.service.SignIns signIns;
    private final dev.auscult.server.service.DeviceKeys keys;

    public AgentApi(Devices devices, Reports reports, Policies policies, dev.auscult.server.service.DeviceProofs proofs,
                    dev.auscult.server.service.SignIns signIns, dev.auscult.server.service.DeviceKeys keys) {
        this.signIns = signIns;
        this.keys = keys;
        this.devices = devices;
        this.proofs = proofs;
        this.reports = reports;
        this.policies = policies;
        String sdl;
        try (InputStream in = dev.auscult.sync.BackendClient.class.getResourceAsStream("agent-api.graphqls")) {
            if (in == null) {
                throw new IllegalStateException("agent-api.graphqls is missing from the agent artifact");
            }
            sdl = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("agent-api.graphqls cannot be read", e);
        }
        RuntimeWiring wiring = RuntimeWiring.newRuntimeWiring()
                .type(TypeRuntimeWiring.newTypeWiring("Mutation")
                        .dataFetcher("activateDevice", this::activate)
                        .dataFetcher("reportScan", this::report)
                        .dataFetcher("confirmSignIn", this::confirmSignIn)
                        .dataFetcher("rotateDeviceKey", this::rotateKey))
                .type(TypeRuntimeWiring.newTypeWiring("Query").dataFetcher("devicePolicy", this::policy))
                .build();
        this.graphQl = GraphQL.newGraphQL(new SchemaGenerator().makeExecutableSchema(new SchemaParser().parse(sdl), wiring))
                .defaultDataFetcherExceptionHandler(new ContractErrors())
                .instrumentation(new ChainedInstrumentation(List.of(new MaxQueryDepthInstrumentation(8), new MaxQueryComplexityInstrumentation(60))))
                .preparsedDocumentProvider(new KnownOperations())
                .build();
    }

    /**
     * Agents send a handful of fixed operations, thousands of times a second: each is parsed and validated once. The
     * cache holds at most {@link #MAX} texts, so a client sending endless different queries only gets them parsed each time.
     */
    private static final class KnownOperations implements graphql.execution.preparsed.PreparsedDocumentProvider {
        static final int MAX = 64;
        private final Map<String, graphql.execution.preparsed.PreparsedDocumentEntry> parsed = new java.util.concurrent.ConcurrentHashMap<>();

        @Override
        public java.util.concurrent.CompletableFuture<graphql.execution.preparsed.PreparsedDocumentEntry> getDocumentAsync(ExecutionInput input,
                java.util.function.Function<ExecutionInput, graphql.execution.preparsed.PreparsedDocumentEntry> parseAndValidate) {
            graphql.execution.preparsed.PreparsedDocumentEntry known = parsed.get(input.getQuery());
            if (known == null) {
                known = parseAndValidate.apply(input);
                if (!known.hasErrors() && parsed.size() < MAX) {
                    parsed.putIfAbsent(input.getQuery(), known);
                }
            }
            return java.util.concurrent.CompletableFuture.completedFuture(known);
        }
    }

    /**
     * The response extension that asks a device for a new key (contract 1.5). An extension, not a field: an agent that
     * does not know it ignores it, and an agent that knows it still works against a server that never sends it.
     */
    public static final String ROTATE_EXTENSION = "deviceKey";

    /**
     * What the HTTP answer must say besides its GraphQL body: the contract's refusals are answers (200), a throttled
     * activation is a 429 with Retry-After, and the server's own trouble a 503 — so an agent never takes a fault for a
     * refusal. Decided from the typed failures as they happen, not read back from the body's words.
     */
    public sealed interface Outcome {
        record Answered() implements Outcome {
        }

        record Throttled(java.time.Duration retryAfter) implements Outcome {
        }

        record Unavailable() implements Outcome {
        }
    }

    public record Answer(ExecutionResult result, Outcome outcome) {
    }

    /** The call's outcome so far: the server's trouble outweighs a throttle, which outweighs an answer. */
    private static final class Worst {
        private Outcome outcome = new Outcome.Answered();

        synchronized void saw(Outcome o) {
            if (weight(o) > weight(outcome)) {
                outcome = o;
            }
        }

        private static int weight(Outcome o) {
            return switch (o) {
                case Outcome.Answered a -> 0;
                case Outcome.Throttled t -> 1;
                case Outcome.Unavailable u -> 2;
            };
        }

        synchronized Outcome get() {
            return outcome;
        }
    }

    public Answer execute(String query, Optional<String> operationName, Map<String, Object> variables, Call call) {
        java.util.concurrent.atomic.AtomicReference<Devices.Caller> proven = new java.util.concurrent.atomic.AtomicReference<>();
        Worst worst = new Worst();
        ExecutionInput.Builder in = ExecutionInput.newExecutionInput().query(query).variables(variables)
                .graphQLContext(Map.of(Call.class, call, Devices.Caller.class, proven, Worst.class, worst));
        operationName.ifPresent(in::operationName);
        ExecutionResult result = graphQl.execute(in.build());
        Devices.Caller caller = proven.get();
        if (caller != null && result.getErrors().isEmpty() && caller.keyRotationAsked()) {
            return new Answer(result.transform(b -> b.addExtension(ROTATE_EXTENSION, "rotate")), worst.get());
        }
        return new Answer(result, worst.get());
    }

    private static Call call(DataFetchingEnvironment env) {
        return env.getGraphQlContext().get(Call.class);
    }

    private static Optional<String> text(Map<String, Object> m, String key) {
        return Optional.ofNullable(m.get(key)).map(String::valueOf).filter(s -> !s.isBlank());
    }

    /**
     * A NUL byte cannot be stored in a PostgreSQL text column; refused here, the same way on every engine, as the
     * client's input (BAD_REQUEST) before anything is counted or written.
     */
    private static void refuseNulBytes(Object value) {
        switch (value) {
            case String s when s.indexOf('\0') >= 0 -> throw new ApiError(ApiError.Code.BAD_REQUEST, "a value contains a NUL byte");
            case Map<?, ?> m -> m.values().forEach(AgentApi::refuseNulBytes);
            case List<?> l -> l.forEach(AgentApi::refuseNulBytes);
            case null, default -> { }
        }
    }

    private Map<String, Object> activate(DataFetchingEnvironment env) {
        refuseNulBytes(env.getArguments());
        Map<String, Object> in = env.getArgument("input");
        @SuppressWarnings("unchecked")
        Map<String, Object> device = (Map<String, Object>) in.getOrDefault("device", Map.of());
        Devices.Activated a = devices.activate(new Devices.ActivationRequest(String.valueOf(in.get("accountId")), String.valueOf(in.get("email")),
                String.valueOf(in.get("code")), String.valueOf(in.get("deviceUuid")), String.valueOf(in.get("agentVersion")),
                text(device, "platform").orElse("unknown"), text(device, "osName"), text(device, "osVersion"), text(device, "hostname"),
                text(device, "hardwareModel"), text(device, "hardwareSerial"),
                Optional.ofNullable(in.get("publicKey")).map(String::valueOf), Optional.ofNullable(in.get("keyBinding")).map(String::valueOf)),
                call(env).client());
        return Map.of("deviceId", a.deviceId(), "apiToken", a.apiToken(), "accountId", a.accountId());
    }

    /** The device behind the token, and — for a key-bound device — proven by its key for this very request. */
    private Devices.Caller authenticated(Call c) {
        Devices.Caller caller = devices.authenticate(c.accountHeader(), c.authorization());
        proofs.check(caller, new dev.auscult.server.service.DeviceProofs.Presented(c.proof(), "POST", c.url(), c.body(),
                c.authorization().map(a -> a.substring(7).strip()).orElse("")));
        return caller;
    }

    /** Remembers the device this request was proven to come from: its answer may carry a request to rotate its key. */
    private Devices.Caller authenticated(DataFetchingEnvironment env) {
        Devices.Caller caller = authenticated(call(env));
        env.getGraphQlContext().<java.util.concurrent.atomic.AtomicReference<Devices.Caller>>get(Devices.Caller.class).set(caller);
        return caller;
    }

    /** The device replaces its key, signed with the one it has; the new key proves itself. */
    private Map<String, Object> rotateKey(DataFetchingEnvironment env) {
        refuseNulBytes(env.getArguments());
        Devices.Caller caller = authenticated(call(env));
        Map<String, Object> in = env.getArgument("input");
        if (!caller.deviceId().equals(String.valueOf(in.get("deviceId")))) {
            throw new ApiError(ApiError.Code.FORBIDDEN, "a device replaces its own key only");
        }
        dev.auscult.server.service.DeviceKeys.Registered r = keys.register(caller, new dev.auscult.server.service.DeviceKeys.NewKey(
                String.valueOf(in.get("publicKey")), text(in, "keyBinding"), String.valueOf(in.get("possessionProof"))));
        return Map.of("thumbprint", r.thumbprint());
    }

    private Map<String, Object> report(DataFetchingEnvironment env) {
        refuseNulBytes(env.getArguments());
        Devices.Caller caller = authenticated(env);
        Map<String, Object> in = env.getArgument("input");
        Reports.Stored s = reports.store(caller, String.valueOf(in.get("deviceId")), String.valueOf(in.get("reportId")), String.valueOf(in.get("report")));
        return Map.of("reportId", s.reportId(), "duplicate", s.duplicate());
    }

    /** The device answers a sign-in's challenge: only with its own key's proof, only for itself. */
    private Map<String, Object> confirmSignIn(DataFetchingEnvironment env) {
        refuseNulBytes(env.getArguments());
        Devices.Caller caller = authenticated(call(env));
        Map<String, Object> in = env.getArgument("input");
        if (!caller.deviceId().equals(String.valueOf(in.get("deviceId")))) {
            throw new ApiError(ApiError.Code.FORBIDDEN, "a device answers for itself only");
        }
        dev.auscult.server.service.SignIns.Confirmation c = signIns.confirm(caller, String.valueOf(in.get("challenge")));
        return Map.of("site", c.site(), "decision", c.decision().name(), "practices", c.practices());
    }

    private Map<String, Object> policy(DataFetchingEnvironment env) {
        refuseNulBytes(env.getArguments());
        Devices.Caller caller = authenticated(env);
        if (!caller.deviceId().equals(env.getArgument("deviceId"))) {
            throw new ApiError(ApiError.Code.FORBIDDEN, "a device asks for its own policy only");
        }
        Optional<String> known = Optional.ofNullable(env.getArgument("knownVersion"));
        Map<String, Object> out = new HashMap<>();
        out.put("format", "stethoscope-policy/1");
        Optional<Policies.ForDevice> p = policies.forOwner(caller.account(), caller.ownerEmail());
        if (p.isEmpty()) {
            // Nothing published: the agent keeps the policy it has (its managed file or the bundled default).
            out.put("version", "none");
            out.put("document", null);
            return out;
        }
        out.put("version", p.get().version());
        out.put("document", known.filter(p.get().version()::equals).isPresent() ? null : p.get().document());
        return out;
    }

    /**
     * Contract refusals become errors with extensions.code; input the database cannot hold becomes BAD_REQUEST;
     * everything else is the server's trouble — a database down, full, read-only or slow, or a bug — and becomes
     * a 503 with Retry-After, never a refusal: an agent sets a report aside only when the contract says the
     * report itself is wrong.
     */
    private static final class ContractErrors implements DataFetcherExceptionHandler {
        private static final System.Logger LOG = System.getLogger(AgentApi.class.getName());

        private static Map<String, Object> extensions(ApiError e) {
            Map<String, Object> out = new java.util.LinkedHashMap<>();
            out.put("code", e.code().name());
            e.retryAfter().ifPresent(d -> out.put("retryAfterSeconds", d.toSeconds()));
            e.reason().ifPresent(r -> out.put("reason", r));
            return out;
        }

        @Override
        public CompletableFuture<DataFetcherExceptionHandlerResult> handleException(graphql.execution.DataFetcherExceptionHandlerParameters p) {
            Throwable t = p.getException();
            Worst worst = p.getDataFetchingEnvironment().getGraphQlContext().get(Worst.class);
            GraphQLError error;
            if (t instanceof ApiError e) {
                error = GraphqlErrorBuilder.newError(p.getDataFetchingEnvironment()).message(e.getMessage())
                        .extensions(extensions(e)).build();
                if (e.code() == ApiError.Code.THROTTLED) {
                    worst.saw(new Outcome.Throttled(e.retryAfter().orElse(java.time.Duration.ofMinutes(1))));
                }
            } else {
                Failures.Kind kind = Failures.classify(t);
                String operation = p.getDataFetchingEnvironment().getField().getName();
                if (kind == Failures.Kind.CLIENT_INPUT) {
                    error = GraphqlErrorBuilder.newError(p.getDataFetchingEnvironment()).message("a value cannot be stored as sent (" + Failures.reason(t) + ")")
                            .extensions(Map.of("code", ApiError.Code.BAD_REQUEST.name())).build();
                } else {
                    if (kind == Failures.Kind.NOT_DATABASE) {
                        LOG.log(System.Logger.Level.ERROR, operation + " failed; answered 503 so the agent retries", t);
                    } else {
                        LOG.log(System.Logger.Level.WARNING, "{0}: the database cannot take it now ({1}); answered 503 with Retry-After", operation,
                                Failures.reason(t));
                    }
                    error = GraphqlErrorBuilder.newError(p.getDataFetchingEnvironment()).message("the server cannot take this now; try again later")
                            .extensions(Map.of("code", UNAVAILABLE)).build();
                    worst.saw(new Outcome.Unavailable());
                }
            }
            return CompletableFuture.completedFuture(DataFetcherExceptionHandlerResult.newResult(error).build());
        }
    }
}
