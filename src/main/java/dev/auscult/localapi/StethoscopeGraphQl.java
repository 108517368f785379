package dev.auscult.localapi;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.auscult.policy.Policy;
import dev.auscult.policy.PolicyEvaluator;
import dev.auscult.policy.StethoscopeCompatibility;
import dev.auscult.policy.PolicyException;
import dev.auscult.policy.PolicyLoader;
import dev.auscult.posture.DeviceFacts;
import dev.auscult.posture.DeviceScan;
import dev.auscult.posture.Observation;
import dev.auscult.posture.PracticeId;
import dev.auscult.posture.PracticeResult;
import dev.auscult.posture.State;
import dev.auscult.posture.Verdict;
import graphql.ExecutionInput;
import graphql.ExecutionResult;
import graphql.GraphQL;
import graphql.GraphQLContext;
import graphql.analysis.MaxQueryComplexityInstrumentation;
import graphql.analysis.MaxQueryDepthInstrumentation;
import graphql.execution.instrumentation.ChainedInstrumentation;
import graphql.schema.Coercing;
import graphql.schema.GraphQLScalarType;
import graphql.schema.idl.RuntimeWiring;
import graphql.schema.idl.SchemaGenerator;
import graphql.schema.idl.SchemaParser;
import graphql.schema.idl.TypeRuntimeWiring;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;

/**
 * Executes Stethoscope's schema against Auscult's scans and policy engine. Each {@code validate} call
 * evaluates the policy the page sent, through the same loader as policy files (so legacy spellings work
 * and bad policies get the same errors).
 */
final class StethoscopeGraphQl {

    static final int MAX_DEPTH = 12;
    static final int MAX_COMPLEXITY = 250;

    private final GraphQL graphQl;
    private final String agentVersion;
    private final ObjectMapper json = new ObjectMapper();
    private final PolicyLoader loader = new PolicyLoader();

    /** Per-request: the scan is fetched once, lazily, with the inventory only if a policy needs it. */
    static final class RequestScan {
        private final FreshScans scans;
        private DeviceScan scan;
        private final List<String> policyWarnings = new ArrayList<>();

        synchronized void warn(List<String> warnings) {
            policyWarnings.addAll(warnings);
        }

        /** What the request's policies contained that Auscult ignored (for the response's extensions). */
        synchronized List<String> policyWarnings() {
            return List.copyOf(policyWarnings);
        }

        RequestScan(FreshScans scans) {
            this.scans = scans;
        }

        synchronized DeviceScan get(boolean withInventory) {
            if (scan == null || (withInventory && scan.inventory().isEmpty())) {
                try {
                    scan = scans.get(withInventory);
                } catch (ExecutionException e) {
                    throw new IllegalStateException("the scan failed: " + e.getCause().getMessage(), e);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("the scan was interrupted", e);
                }
            }
            return scan;
        }
    }

    StethoscopeGraphQl(String agentVersion) {
        this.agentVersion = agentVersion;
        String sdl;
        try (InputStream in = StethoscopeGraphQl.class.getResourceAsStream("stethoscope.graphqls")) {
            sdl = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException | NullPointerException e) {
            throw new IllegalStateException("the local API schema is missing from the application", e);
        }
        RuntimeWiring wiring = RuntimeWiring.newRuntimeWiring()
                .scalar(stringScalar("Semver"))
                .scalar(stringScalar("NumericRange"))
                .type(TypeRuntimeWiring.newTypeWiring("Query")
                        .dataFetcher("device", env -> Boolean.TRUE)
                        .dataFetcher("policy", env -> Boolean.TRUE))
                .type(TypeRuntimeWiring.newTypeWiring("Policy").dataFetcher("validate", this::validate))
                .type(TypeRuntimeWiring.newTypeWiring("Device").defaultDataFetcher(this::deviceField))
                .build();
        this.graphQl = GraphQL.newGraphQL(new SchemaGenerator().makeExecutableSchema(new SchemaParser().parse(sdl), wiring))
                .instrumentation(new ChainedInstrumentation(List.of(
                        new MaxQueryDepthInstrumentation(MAX_DEPTH), new MaxQueryComplexityInstrumentation(MAX_COMPLEXITY))))
                .build();
    }

    ExecutionResult execute(String query, Map<String, Object> variables, Optional<String> operation, RequestScan scan) {
        ExecutionInput.Builder input = ExecutionInput.newExecutionInput().query(query).variables(variables)
                .graphQLContext(Map.of(RequestScan.class, scan));
        operation.ifPresent(input::operationName);
        return graphQl.execute(input.build());
    }

    private static GraphQLScalarType stringScalar(String name) {
        return GraphQLScalarType.newScalar().name(name).coercing(new Coercing<String, String>() {
            @Override
            public String serialize(Object value, GraphQLContext context, Locale locale) {
                return String.valueOf(value);
            }

            @Override
            public String parseValue(Object input, GraphQLContext context, Locale locale) {
                return String.valueOf(input);
            }

            @Override
            public String parseLiteral(graphql.language.Value<?> input, graphql.execution.CoercedVariables variables,
                                       GraphQLContext context, Locale locale) {
                return input instanceof graphql.language.StringValue s ? s.getValue()
                        : input instanceof graphql.language.IntValue i ? i.getValue().toString() : String.valueOf(input);
            }
        }).build();
    }

    private static RequestScan scan(graphql.schema.DataFetchingEnvironment env) {
        return env.getGraphQlContext().get(RequestScan.class);
    }

    private Policy policy(Map<String, Object> argument) throws PolicyException {
        try {
            return loader.parse("request policy", json.writeValueAsString(argument), "request policy");
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException("the policy could not be read", e);
        }
    }

    private Map<String, Object> validate(graphql.schema.DataFetchingEnvironment env) throws PolicyException {
        Map<String, Object> arg = env.getArgumentOrDefault("policy", Map.of());
        Policy policy = policy(arg);
        scan(env).warn(policy.warnings());
        DeviceScan s = scan(env).get(policy.needsInventory());
        List<PracticeResult> results = new PolicyEvaluator(agentVersion).evaluate(policy, s.device(), s.observations(), s.inventory());
        Map<String, Object> out = new HashMap<>();
        out.put("status", PolicyEvaluator.overall(results).map(Enum::name).orElse(null));
        List<Map<String, Object>> reasons = new ArrayList<>();
        for (PracticeResult r : results) {
            String key = r.practice() == PracticeId.AGENT_VERSION ? "stethoscopeVersion" : r.practice().key();
            if (r.practice() == PracticeId.APPLICATIONS) {
                out.put("applications", r.applications().stream().map(a -> {
                    Map<String, Object> m = new HashMap<>();
                    m.put("name", a.name());
                    m.put("status", a.verdict().name());
                    m.put("version", a.installedVersion().orElse(null));
                    m.put("installed", a.installedVersion().isPresent() || a.reason().contains("is installed"));
                    m.put("state", a.verdict() == Verdict.PASS ? "VALID" : a.reason());
                    return m;
                }).toList());
            } else {
                // Stethoscope passed a practice the platform lacks; its pages still expect that.
                out.put(key, r.verdict().map(Enum::name).orElse(r.notApplicable() ? Verdict.PASS.name() : null));
            }
            if (r.verdict().isPresent()) {
                Map<String, Object> reason = new LinkedHashMap<>();
                reason.put("practice", r.practice().key());
                reason.put("state", r.observation().state().name());
                reason.put("verdict", r.verdict().get().name());
                reason.put("reason", r.reason());
                reason.put("evidence", r.observation().evidence());
                reasons.add(reason);
            }
        }
        out.put("reasons", reasons);
        return out;
    }

    private Object deviceField(graphql.schema.DataFetchingEnvironment env) throws PolicyException {
        String field = env.getField().getName();
        DeviceFacts d = scan(env).get(false).device();
        return switch (field) {
            case "deviceId" -> d.deviceId().orElse(null);
            case "deviceName" -> d.deviceName().orElse(null);
            case "platform" -> d.platform().key();
            case "platformName", "osName" -> d.osName().orElse(null);
            case "osVersion" -> d.osVersion().orElse(null);
            case "osBuild" -> d.osBuild().orElse(null);
            case "hardwareModel", "friendlyName" -> d.hardwareModel().orElse(null);
            case "hardwareSerial" -> d.hardwareSerial().orElse(null);
            case "stethoscopeVersion" -> StethoscopeCompatibility.RELEASE;
            case "agentVersion" -> agentVersion;
            case "applications", "ipAddresses", "macAddresses", "disks" -> List.of();
            case "security" -> security(env);
            default -> null;
        };
    }

    /** Raw ON/OFF/UNKNOWN states; screenIdle is judged against the policy's range when one is given. */
    private Map<String, Object> security(graphql.schema.DataFetchingEnvironment env) throws PolicyException {
        DeviceScan s = scan(env).get(false);
        Map<String, Object> out = new HashMap<>();
        for (Observation o : s.observations()) {
            out.put(o.practice().key(), o.state().name());
        }
        Map<String, Object> arg = env.getArgument("policy");
        if (arg != null && arg.containsKey("screenIdle")) {
            Policy policy = policy(arg);
            new PolicyEvaluator(agentVersion).evaluate(policy, s.device(), s.observations(), Optional.empty()).stream()
                    .filter(r -> r.practice() == PracticeId.SCREEN_IDLE).findFirst()
                    .flatMap(PracticeResult::verdict).ifPresent(v -> out.put("screenIdle", v.name()));
        }
        s.observations().stream().filter(o -> o.practice() == PracticeId.AUTOMATIC_UPDATES).findFirst().ifPresent(o -> {
            out.put("automaticAppUpdates", detail(o, "AutoUpdate"));
            out.put("automaticSecurityUpdates", detail(o, "CriticalUpdateInstall"));
            out.put("automaticOsUpdates", detail(o, "AutomaticallyInstallMacOSUpdates"));
            out.put("automaticDownloadUpdates", detail(o, "AutomaticDownload"));
            out.put("automaticConfigDataInstall", detail(o, "ConfigDataInstall"));
            out.put("automaticCheckEnabled", detail(o, "AutomaticCheckEnabled"));
        });
        s.observations().stream().filter(o -> o.practice() == PracticeId.FIREWALL).findFirst().ifPresent(o -> {
            out.put("publicFirewall", detail(o, "Public"));
            out.put("privateFirewall", detail(o, "Private"));
            out.put("domainFirewall", detail(o, "Domain"));
        });
        return out;
    }

    private static String detail(Observation o, String key) {
        String v = o.details().get(key);
        if (v == null || o.state() == State.UNKNOWN) {
            return State.UNKNOWN.name();
        }
        return v.startsWith("on") ? State.ON.name() : v.startsWith("off") ? State.OFF.name() : State.UNKNOWN.name();
    }
}
