package dev.auscult.ui.activation;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/** What the user typed, and what is wrong with it — checked without any toolkit. */
public record ActivationForm(String email, String account, String code, String backend, boolean backendNeeded) {

    private static final Pattern EMAIL = Pattern.compile("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$");

    /** Field id → problem in plain words; empty when the form can be sent. */
    public Map<String, String> problems() {
        Map<String, String> p = new LinkedHashMap<>();
        if (!EMAIL.matcher(email.strip()).matches()) {
            p.put("email", "Enter your work email address, like alice@example.com.");
        }
        if (account.isBlank()) {
            p.put("account", "Enter the account ID your IT team gave you.");
        }
        if (code.strip().length() < 4) {
            p.put("code", "Enter the activation code from your invitation.");
        }
        if (backendNeeded) {
            try {
                URI u = URI.create(backend.strip());
                if (u.getScheme() == null || u.getHost() == null) {
                    p.put("backend", "Enter the full address, starting with https://");
                }
            } catch (IllegalArgumentException e) {
                p.put("backend", "Enter the full address, starting with https://");
            }
        }
        return p;
    }
}
