package dev.auscult.sync;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import graphql.ExecutionInput;
import graphql.GraphQL;
import graphql.GraphqlErrorBuilder;
import graphql.execution.DataFetcherResult;
import graphql.schema.DataFetchingEnvironment;
import graphql.schema.idl.RuntimeWiring;
import graphql.schema.idl.SchemaGenerator;
import graphql.schema.idl.SchemaParser;
import graphql.schema.idl.TypeRuntimeWiring;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;

/**
 * A backend that executes the agent contract's schema (the same file the agent ships) with in-memory
 * accounts, one-time codes, tokens, policies and received reports, on a real loopback port. Faults
 * can be injected: an HTTP status for the next requests, or the whole server going down and up.
 */
public final class FakeBackend implements AutoCloseable {

    public record Policy(String version, String document) {
    }

    private final ObjectMapper json = new ObjectMapper();
    private final GraphQL graphQl;
    private final Map<String, String> codes = new ConcurrentHashMap<>();           // code → account
    private final Map<String, String> tokens = new ConcurrentHashMap<>();          // token → deviceId
    private final Map<String, String> deviceAccounts = new ConcurrentHashMap<>();  // deviceId → account
    private final List<String> accounts = Collections.synchronizedList(new ArrayList<>());
    private final Map<String, String> reports = new ConcurrentHashMap<>();         // reportId → report JSON
    private final List<String> reportArrivals = Collections.synchronizedList(new ArrayList<>());
    private final List<Map<String, List<String>>> requestHeaders = Collections.synchronizedList(new ArrayList<>());
    private final List<Map<String, Object>> activations = Collections.synchronizedList(new ArrayList<>());
    private final Queue<int[]> faults = new ConcurrentLinkedQueue<>();             // {status, retryAfterSeconds}
    private volatile Policy policy = new Policy("1", "{\"firewall\": \"ALWAYS\", \"diskEncryption\": \"ALWAYS\"}");
    private HttpServer server;
    private int port;

    public FakeBackend() throws IOException {
        this(0);
    }

    public FakeBackend(int port) throws IOException {
        String sdl;
        try (InputStream in = BackendClient.class.getResourceAsStream("agent-api.graphqls")) {
            sdl = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        RuntimeWiring wiring = RuntimeWiring.newRuntimeWiring()
                .type(TypeRuntimeWiring.newTypeWiring("Mutation")
                        .dataFetcher("activateDevice", this::activate)
                        .dataFetcher("reportScan", this::report))
                .type(TypeRuntimeWiring.newTypeWiring("Query").dataFetcher("devicePolicy", this::devicePolicy))
                .build();
        graphQl = GraphQL.newGraphQL(new SchemaGenerator().makeExecutableSchema(new SchemaParser().parse(sdl), wiring)).build();
        this.port = port;
        up();
    }

    public void up() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 16);
        port = server.getAddress().getPort();
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/graphql", this::handle);
        // what an Auscult server publishes for agents given its base or console address (docs/backend-contract.md)
        server.createContext("/.well-known/auscult", ex -> {
            try (ex) {
                String query = java.util.Optional.ofNullable(ex.getRequestURI().getRawQuery()).orElse("");
                String account = query.startsWith("account=") ? java.net.URLDecoder.decode(query.substring(8), java.nio.charset.StandardCharsets.UTF_8) : "";
                String org = accounts.contains(account) ? ", \"organisation\": {\"account\": \"" + account + "\", \"name\": \"Org " + account + "\"}" : "";
                byte[] body = ("{\"format\": \"auscult-server/1\", \"graphql\": \"" + url() + "\"" + org + "}").getBytes(java.nio.charset.StandardCharsets.UTF_8);
                ex.getResponseHeaders().add("Content-Type", "application/json");
                ex.sendResponseHeaders(200, body.length);
                ex.getResponseBody().write(body);
            }
        });
        server.start();
    }

    public void down() {
        server.stop(0);
    }

    public URI url() {
        return URI.create("http://127.0.0.1:" + port + "/graphql");
    }

    public void addAccount(String account) {
        accounts.add(account);
    }

    public String newCode(String account) {
        String code = UUID.randomUUID().toString().substring(0, 8).toUpperCase();
        codes.put(code, account);
        return code;
    }

    public void setPolicy(String version, String document) {
        policy = new Policy(version, document);
    }

    public void failNext(int times, int status, int retryAfterSeconds) {
        for (int i = 0; i < times; i++) {
            faults.add(new int[] {status, retryAfterSeconds});
        }
    }

    public void revokeTokens() {
        tokens.clear();
    }

    public Map<String, String> reports() {
        return Map.copyOf(reports);
    }

    /** Every report upload that arrived, duplicates included (to check idempotency). */
    public List<String> reportArrivals() {
        return List.copyOf(reportArrivals);
    }

    /** Every ActivateDevice input received, as sent. */
    public List<Map<String, Object>> activations() {
        return List.copyOf(activations);
    }

    public List<Map<String, List<String>>> requestHeaders() {
        return List.copyOf(requestHeaders);
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            requestHeaders.add(Map.copyOf(ex.getRequestHeaders()));
            int[] fault = faults.poll();
            if (fault != null) {
                if (fault[1] > 0) {
                    ex.getResponseHeaders().set("Retry-After", String.valueOf(fault[1]));
                }
                ex.sendResponseHeaders(fault[0], -1);
                return;
            }
            JsonNode body = json.readTree(ex.getRequestBody());
            String auth = ex.getRequestHeaders().getFirst("Authorization");
            @SuppressWarnings("unchecked")
            Map<String, Object> variables = json.convertValue(body.path("variables"), Map.class);
            var result = graphQl.execute(ExecutionInput.newExecutionInput().query(body.path("query").asText())
                    .variables(variables == null ? Map.of() : variables)
                    .graphQLContext(Map.of("auth", auth == null ? "" : auth,
                            "account", String.valueOf(ex.getRequestHeaders().getFirst("JupiterOne-Account"))))
                    .build());
            byte[] out = json.writeValueAsBytes(result.toSpecification());
            ex.getResponseHeaders().set("Content-Type", "application/json");
            ex.sendResponseHeaders(200, out.length);
            ex.getResponseBody().write(out);
        }
    }

    private static DataFetcherResult<Object> error(DataFetchingEnvironment env, String code, String message) {
        return DataFetcherResult.newResult().error(GraphqlErrorBuilder.newError(env).message(message)
                .extensions(Map.of("code", code)).build()).build();
    }

    private Object activate(DataFetchingEnvironment env) {
        Map<String, Object> input = env.getArgument("input");
        activations.add(new java.util.HashMap<>(input));
        String account = (String) input.get("accountId");
        if (!accounts.contains(account)) {
            return error(env, "UNKNOWN_ACCOUNT", "no account " + account);
        }
        String code = (String) input.get("code");
        String codeAccount = codes.remove(code);
        if (codeAccount == null) {
            return error(env, reportsUsedCodes.contains(code) ? "CODE_ALREADY_USED" : "INVALID_CODE", "the activation code is not valid");
        }
        reportsUsedCodes.add(code);
        String deviceId = "dev-" + UUID.randomUUID().toString().substring(0, 8);
        String token = "tok-" + UUID.randomUUID();
        tokens.put(token, deviceId);
        deviceAccounts.put(deviceId, account);
        return Map.of("deviceId", deviceId, "apiToken", token, "accountId", account);
    }

    private final List<String> reportsUsedCodes = Collections.synchronizedList(new ArrayList<>());

    private String authenticated(DataFetchingEnvironment env) {
        String auth = env.getGraphQlContext().get("auth");
        if (!auth.startsWith("Bearer ")) {
            return null;
        }
        String deviceId = tokens.get(auth.substring("Bearer ".length()));
        if (deviceId == null || !deviceAccounts.get(deviceId).equals(env.getGraphQlContext().get("account"))) {
            return null;
        }
        return deviceId;
    }

    private Object devicePolicy(DataFetchingEnvironment env) {
        if (authenticated(env) == null) {
            return error(env, "UNAUTHENTICATED", "unknown token");
        }
        Policy p = policy;
        String known = env.getArgument("knownVersion");
        Map<String, Object> out = new java.util.HashMap<>();
        out.put("version", p.version());
        out.put("format", "stethoscope-policy/1");
        out.put("document", p.version().equals(known) ? null : p.document());
        return out;
    }

    private Object report(DataFetchingEnvironment env) {
        String deviceId = authenticated(env);
        if (deviceId == null) {
            return error(env, "UNAUTHENTICATED", "unknown token");
        }
        Map<String, Object> input = env.getArgument("input");
        String id = (String) input.get("reportId");
        reportArrivals.add(id);
        boolean duplicate = reports.putIfAbsent(id, (String) input.get("report")) != null;
        return Map.of("reportId", id, "duplicate", duplicate);
    }

    @Override
    public void close() {
        down();
    }

    /** Runs a backend by hand for trying activation: prints an account and codes. */
    public static void main(String[] args) throws Exception {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 8787;
        FakeBackend backend = new FakeBackend(port);
        backend.addAccount("acme");
        System.out.println("Fake Auscult backend on " + backend.url());
        System.out.println("account: acme");
        for (int i = 0; i < 5; i++) {
            System.out.println("activation code: " + backend.newCode("acme"));
        }
        System.out.println("e.g. java -jar target/auscult.jar activate --email you@example.com --account acme --code <code> --backend " + backend.url());
        Thread.currentThread().join();
    }
}
