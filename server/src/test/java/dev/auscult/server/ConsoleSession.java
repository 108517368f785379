package dev.auscult.server;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** An administrator's console session over plain HTTP (what a browser sends): the cookie and the forms' CSRF token. */
public record ConsoleSession(URI base, String cookie, String csrf) {

    public static ConsoleSession signIn(URI base, String user, String password) throws Exception {
        HttpResponse<String> r = Http.send(HttpRequest.newBuilder(base.resolve("/console/sign-in")).header("Content-Type", "application/x-www-form-urlencoded")
                .header("Origin", base.toString().replaceAll("/$", ""))
                .POST(HttpRequest.BodyPublishers.ofString(form(Map.of("username", user, "password", password)))).build());
        String cookie = r.headers().allValues("Set-Cookie").stream().filter(c -> c.contains("=")).findFirst()
                .orElseThrow(() -> new IllegalStateException("not signed in: HTTP " + r.statusCode())).split(";", 2)[0];
        HttpResponse<String> page = Http.send(HttpRequest.newBuilder(base.resolve("/console/activations")).header("Cookie", cookie).GET().build());
        Matcher m = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(page.body());
        if (!m.find()) {
            throw new IllegalStateException("no CSRF token on the activations page");
        }
        return new ConsoleSession(base, cookie, m.group(1));
    }

    public HttpResponse<String> get(String path) throws Exception {
        return Http.send(HttpRequest.newBuilder(base.resolve(path)).header("Cookie", cookie).GET().build());
    }

    /** A form post with the session's CSRF token, as the console's own forms send it. */
    public HttpResponse<String> post(String path, Map<String, String> fields) throws Exception {
        Map<String, String> all = new java.util.LinkedHashMap<>(fields);
        all.put("_csrf", csrf);
        return Http.send(HttpRequest.newBuilder(base.resolve(path)).header("Cookie", cookie).header("Content-Type", "application/x-www-form-urlencoded")
                .header("Origin", base.toString().replaceAll("/$", ""))
                .POST(HttpRequest.BodyPublishers.ofString(form(all))).build());
    }

    static String form(Map<String, String> fields) {
        return fields.entrySet().stream().map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }
}
