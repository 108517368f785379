package dev.auscult.server.http;

import dev.auscult.server.store.Account;

import dev.auscult.server.store.Person;
import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.auscult.server.service.People;
import dev.auscult.server.service.ScimUsers;
import dev.auscult.server.store.Failures;
import io.javalin.http.Context;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * SCIM 2.0 {@code /scim/v2/Users} (RFC 7643/7644), the part identity providers use to provision people:
 * create, read, filter by {@code userName eq "…"} with paging, replace, patch {@code active}, and delete (which
 * deactivates). The enterprise extension's {@code department} becomes the person's policy group. Whatever a
 * client sends that cannot be taken is a 4xx with RFC 7644's {@code scimType} — never a 500.
 */
final class ScimEndpoint {

    private static final String USER = "urn:ietf:params:scim:schemas:core:2.0:User";
    private static final String ENTERPRISE = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";
    private static final String LIST = "urn:ietf:params:scim:api:messages:2.0:ListResponse";
    private static final String ERROR = "urn:ietf:params:scim:api:messages:2.0:Error";
    /** The whole filter must be this one comparison: a tail such as {@code or …} is refused, never ignored. */
    private static final Pattern FILTER = Pattern.compile("\\s*userName\\s+eq\\s+\"([^\"]+)\"\\s*", Pattern.CASE_INSENSITIVE);
    /** Longest name, group or external ID kept (the columns' size). */
    private static final int MAX_TEXT = 200;
    /** Most users on one page, whatever count asks for. */
    private static final int MAX_PAGE = 500;

    /** A request SCIM says is the client's to fix: status, scimType, detail. */
    private static final class Refusal extends RuntimeException {
        final int status;
        final Optional<String> scimType;

        Refusal(int status, String scimType, String detail) {
            super(detail, null, false, false);
            this.status = status;
            this.scimType = Optional.ofNullable(scimType);
        }
    }

    private final ScimUsers users;
    private final ObjectMapper json = new ObjectMapper();

    ScimEndpoint(ScimUsers users) {
        this.users = users;
    }

    /** One SCIM call: authenticated, its refusals answered as SCIM errors; anything else is the server's (503 or 500 upstream). */
    private interface Call {
        void run(Account account) throws Exception;
    }

    private void handle(Context ctx, Call call) throws Exception {
        Optional<Account> account = users.accountFor(Optional.ofNullable(ctx.header("Authorization")));
        if (account.isEmpty()) {
            error(ctx, new Refusal(401, null, "a valid SCIM bearer token is required"));
            return;
        }
        try {
            call.run(account.get());
        } catch (Refusal r) {
            error(ctx, r);
        } catch (IllegalArgumentException e) {
            error(ctx, new Refusal(400, "invalidValue", e.getMessage()));
        } catch (RuntimeException e) {
            switch (Failures.classify(e)) {
                case DUPLICATE -> error(ctx, new Refusal(409, "uniqueness", "another user has this userName"));
                case CLIENT_INPUT -> error(ctx, new Refusal(400, "invalidValue", "a value cannot be stored as sent"));
                default -> throw e;
            }
        }
    }

    void list(Context ctx) throws Exception {
        handle(ctx, account -> {
            Optional<String> filter = Optional.ofNullable(ctx.queryParam("filter"));
            Optional<String> userName = Optional.empty();
            if (filter.isPresent()) {
                Matcher m = FILTER.matcher(filter.get());
                if (!m.matches()) {
                    throw new Refusal(400, "invalidFilter", "only the filter userName eq \"…\" is supported, on its own");
                }
                userName = Optional.of(m.group(1));
            }
            // RFC 7644 §3.4.2.4: startIndex is 1-based (below 1 reads as 1), count below 0 reads as 0
            int startIndex = Math.max(1, number(ctx, "startIndex", 1));
            int count = Math.min(MAX_PAGE, Math.max(0, number(ctx, "count", MAX_PAGE)));
            List<Person> found = users.byUserName(account, userName);
            List<Person> page = found.stream().skip(startIndex - 1L).limit(count).toList();
            ObjectNode out = json.createObjectNode();
            out.putArray("schemas").add(LIST);
            out.put("totalResults", found.size());
            out.put("startIndex", startIndex);
            out.put("itemsPerPage", page.size());
            ArrayNode resources = out.putArray("Resources");
            page.forEach(p -> resources.add(resource(p)));
            send(ctx, 200, out);
        });
    }

    private static int number(Context ctx, String name, int otherwise) {
        String v = ctx.queryParam(name);
        if (v == null || v.isBlank()) {
            return otherwise;
        }
        if (!v.strip().matches("-?\\d{1,9}")) {
            throw new Refusal(400, "invalidValue", name + " must be a whole number");
        }
        return Integer.parseInt(v.strip());
    }

    void get(Context ctx) throws Exception {
        handle(ctx, account -> send(ctx, 200, resource(users.find(account, ctx.pathParam("id")).orElseThrow(ScimEndpoint::noSuchUser))));
    }

    void create(Context ctx) throws Exception {
        handle(ctx, account -> {
            ScimUsers.User u = user(body(ctx));
            send(ctx, 201, resource(users.create(account, u)
                    .orElseThrow(() -> new Refusal(409, "uniqueness", "a user with this userName exists already"))));
        });
    }

    void replace(Context ctx) throws Exception {
        handle(ctx, account -> {
            ScimUsers.User u = user(body(ctx));
            send(ctx, 200, resource(users.replace(account, ctx.pathParam("id"), u).orElseThrow(ScimEndpoint::noSuchUser)));
        });
    }

    /** PATCH: the providers' deactivation ({@code replace active false}), in either of the shapes they send. */
    void patch(Context ctx) throws Exception {
        handle(ctx, account -> {
            JsonNode body = body(ctx);
            if (!body.path("Operations").isArray()) {
                throw new Refusal(400, "invalidSyntax", "a PatchOp needs an Operations array");
            }
            Optional<Boolean> active = Optional.empty();
            for (JsonNode op : body.path("Operations")) {
                String verb = op.path("op").asText();
                if (!verb.equalsIgnoreCase("replace") && !verb.equalsIgnoreCase("add")) {
                    throw new Refusal(400, "invalidValue", "only replace and add operations are supported");
                }
                JsonNode value = op.path("path").asText().equals("active") ? op.path("value") : op.path("value").path("active");
                if (value.isMissingNode()) {
                    throw new Refusal(400, "invalidPath", "only 'active' can be patched; use PUT to change other attributes");
                }
                if (!value.isBoolean() && !value.asText().equalsIgnoreCase("true") && !value.asText().equalsIgnoreCase("false")) {
                    throw new Refusal(400, "invalidValue", "active must be true or false");
                }
                active = Optional.of(value.isBoolean() ? value.booleanValue() : value.asText().equalsIgnoreCase("true"));
            }
            if (active.isEmpty()) {
                throw new Refusal(400, "invalidValue", "the PatchOp has no operations");
            }
            if (!users.setActive(account, ctx.pathParam("id"), active.get())) {
                throw noSuchUser();
            }
            send(ctx, 200, resource(users.find(account, ctx.pathParam("id")).orElseThrow(ScimEndpoint::noSuchUser)));
        });
    }

    void delete(Context ctx) throws Exception {
        handle(ctx, account -> {
            if (!users.setActive(account, ctx.pathParam("id"), false)) {
                throw noSuchUser();
            }
            ctx.status(204);
        });
    }

    private static Refusal noSuchUser() {
        return new Refusal(404, null, "no such user");
    }

    private JsonNode body(Context ctx) {
        JsonNode b;
        try {
            b = json.readTree(ctx.body());
        } catch (JacksonException e) {
            throw new Refusal(400, "invalidSyntax", "the body is not JSON");
        }
        if (b == null || !b.isObject()) {
            throw new Refusal(400, "invalidSyntax", "the body must be a JSON object");
        }
        return b;
    }

    private static ScimUsers.User user(JsonNode b) {
        String userName = b.path("userName").asText("");
        if (userName.isBlank()) {
            userName = b.path("emails").path(0).path("value").asText("");
        }
        if (userName.isBlank()) {
            throw new Refusal(400, "invalidValue", "userName must be the person's e-mail address");
        }
        String display = b.path("displayName").asText(b.path("name").path("formatted").asText(
                (b.path("name").path("givenName").asText("") + " " + b.path("name").path("familyName").asText("")).strip()));
        String department = b.path(ENTERPRISE).path("department").asText("");
        String externalId = b.path("externalId").asText("");
        for (String v : List.of(userName, display, department, externalId)) {
            if (v.indexOf('\0') >= 0 || v.chars().anyMatch(c -> c < 0x20 && c != '\t')) {
                throw new Refusal(400, "invalidValue", "values must not contain control characters");
            }
        }
        for (String v : List.of(display, department, externalId)) {
            if (v.length() > MAX_TEXT) {
                throw new Refusal(400, "invalidValue", "names, departments and external IDs are at most " + MAX_TEXT + " characters");
            }
        }
        if (b.has("active") && !b.path("active").isBoolean()) {
            throw new Refusal(400, "invalidValue", "active must be true or false");
        }
        return new ScimUsers.User(userName, Optional.of(display).filter(s -> !s.isBlank()), Optional.of(department).filter(s -> !s.isBlank()),
                !b.has("active") || b.path("active").booleanValue(), Optional.of(externalId).filter(s -> !s.isBlank()));
    }

    private ObjectNode resource(Person p) {
        ObjectNode r = json.createObjectNode();
        ArrayNode schemas = r.putArray("schemas");
        schemas.add(USER);
        r.put("id", p.scimId().orElse(""));
        p.externalId().ifPresent(x -> r.put("externalId", x));
        r.put("userName", p.email());
        p.name().ifPresent(n -> r.put("displayName", n));
        r.put("active", p.active());
        r.putArray("emails").addObject().put("value", p.email()).put("primary", true).put("type", "work");
        p.group().ifPresent(g -> {
            schemas.add(ENTERPRISE);
            r.putObject(ENTERPRISE).put("department", g);
        });
        r.putObject("meta").put("resourceType", "User").put("lastModified", p.updatedAt().toString());
        return r;
    }

    private void send(Context ctx, int status, JsonNode body) throws Exception {
        ctx.status(status).contentType("application/scim+json").result(json.writeValueAsBytes(body));
    }

    private void error(Context ctx, Refusal r) throws Exception {
        ObjectNode e = json.createObjectNode();
        e.putArray("schemas").add(ERROR);
        e.put("status", String.valueOf(r.status));
        r.scimType.ifPresent(t -> e.put("scimType", t));
        e.put("detail", r.getMessage());
        send(ctx, r.status, e);
    }
}
