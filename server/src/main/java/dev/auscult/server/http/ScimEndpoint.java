package dev.auscult.server.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.auscult.server.service.People;
import dev.auscult.server.service.ScimUsers;
import io.javalin.http.Context;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * SCIM 2.0 {@code /scim/v2/Users} (RFC 7643/7644), the part identity providers use to provision people:
 * create, read, filter by {@code userName eq "…"}, replace, patch {@code active}, and delete (which
 * deactivates). The enterprise extension's {@code department} becomes the person's policy group.
 */
final class ScimEndpoint {

    private static final String USER = "urn:ietf:params:scim:schemas:core:2.0:User";
    private static final String ENTERPRISE = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";
    private static final String LIST = "urn:ietf:params:scim:api:messages:2.0:ListResponse";
    private static final String ERROR = "urn:ietf:params:scim:api:messages:2.0:Error";
    private static final Pattern FILTER = Pattern.compile("userName\\s+eq\\s+\"([^\"]+)\"", Pattern.CASE_INSENSITIVE);

    private final ScimUsers users;
    private final ObjectMapper json = new ObjectMapper();

    ScimEndpoint(ScimUsers users) {
        this.users = users;
    }

    private Optional<String> account(Context ctx) {
        Optional<String> a = users.accountFor(Optional.ofNullable(ctx.header("Authorization")));
        if (a.isEmpty()) {
            error(ctx, 401, "a valid SCIM bearer token is required");
        }
        return a;
    }

    void list(Context ctx) throws Exception {
        Optional<String> account = account(ctx);
        if (account.isEmpty()) {
            return;
        }
        Optional<String> userName = Optional.ofNullable(ctx.queryParam("filter")).map(FILTER::matcher).filter(Matcher::find).map(m -> m.group(1));
        if (ctx.queryParam("filter") != null && userName.isEmpty()) {
            error(ctx, 400, "only the filter userName eq \"…\" is supported");
            return;
        }
        List<People.Person> found = users.byUserName(account.get(), userName);
        ObjectNode out = json.createObjectNode();
        out.putArray("schemas").add(LIST);
        out.put("totalResults", found.size());
        out.put("startIndex", 1);
        out.put("itemsPerPage", found.size());
        ArrayNode resources = out.putArray("Resources");
        found.forEach(p -> resources.add(resource(p)));
        send(ctx, 200, out);
    }

    void get(Context ctx) throws Exception {
        Optional<String> account = account(ctx);
        if (account.isPresent()) {
            Optional<People.Person> p = users.find(account.get(), ctx.pathParam("id"));
            if (p.isEmpty()) {
                error(ctx, 404, "no such user");
            } else {
                send(ctx, 200, resource(p.get()));
            }
        }
    }

    void create(Context ctx) throws Exception {
        Optional<String> account = account(ctx);
        if (account.isEmpty()) {
            return;
        }
        Optional<ScimUsers.User> u = user(ctx);
        if (u.isPresent()) {
            send(ctx, 201, resource(users.create(account.get(), u.get())));
        }
    }

    void replace(Context ctx) throws Exception {
        Optional<String> account = account(ctx);
        if (account.isEmpty()) {
            return;
        }
        Optional<ScimUsers.User> u = user(ctx);
        if (u.isPresent()) {
            Optional<People.Person> p = users.replace(account.get(), ctx.pathParam("id"), u.get());
            if (p.isEmpty()) {
                error(ctx, 404, "no such user");
            } else {
                send(ctx, 200, resource(p.get()));
            }
        }
    }

    /** PATCH: the providers' deactivation ({@code replace active false}), in either of the shapes they send. */
    void patch(Context ctx) throws Exception {
        Optional<String> account = account(ctx);
        if (account.isEmpty()) {
            return;
        }
        JsonNode body = json.readTree(ctx.body());
        Optional<Boolean> active = Optional.empty();
        for (JsonNode op : body.path("Operations")) {
            if (!op.path("op").asText().equalsIgnoreCase("replace") && !op.path("op").asText().equalsIgnoreCase("add")) {
                continue;
            }
            if (op.path("path").asText().equals("active")) {
                active = Optional.of(op.path("value").asText().equalsIgnoreCase("true"));
            } else if (op.path("value").has("active")) {
                active = Optional.of(op.path("value").path("active").asBoolean());
            }
        }
        if (active.isEmpty()) {
            error(ctx, 400, "only 'active' can be patched; use PUT to change other attributes");
            return;
        }
        if (!users.setActive(account.get(), ctx.pathParam("id"), active.get())) {
            error(ctx, 404, "no such user");
            return;
        }
        send(ctx, 200, resource(users.find(account.get(), ctx.pathParam("id")).orElseThrow()));
    }

    void delete(Context ctx) {
        Optional<String> account = account(ctx);
        if (account.isPresent()) {
            if (users.setActive(account.get(), ctx.pathParam("id"), false)) {
                ctx.status(204);
            } else {
                error(ctx, 404, "no such user");
            }
        }
    }

    private Optional<ScimUsers.User> user(Context ctx) throws Exception {
        JsonNode b = json.readTree(ctx.body());
        String userName = b.path("userName").asText("");
        if (userName.isBlank()) {
            JsonNode primary = b.path("emails").path(0).path("value");
            userName = primary.asText("");
        }
        if (!userName.contains("@")) {
            error(ctx, 400, "userName must be the person's e-mail address");
            return Optional.empty();
        }
        String display = b.path("displayName").asText(b.path("name").path("formatted").asText(
                (b.path("name").path("givenName").asText("") + " " + b.path("name").path("familyName").asText("")).strip()));
        String department = b.path(ENTERPRISE).path("department").asText("");
        return Optional.of(new ScimUsers.User(userName, Optional.of(display).filter(s -> !s.isBlank()),
                Optional.of(department).filter(s -> !s.isBlank()), !b.has("active") || b.path("active").asBoolean(true),
                Optional.of(b.path("externalId").asText("")).filter(s -> !s.isBlank())));
    }

    private ObjectNode resource(People.Person p) {
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

    private void error(Context ctx, int status, String detail) {
        ObjectNode e = json.createObjectNode();
        e.putArray("schemas").add(ERROR);
        e.put("status", String.valueOf(status));
        e.put("detail", detail);
        try {
            send(ctx, status, e);
        } catch (Exception ex) {
            ctx.status(status);
        }
    }
}
