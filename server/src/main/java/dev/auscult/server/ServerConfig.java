package dev.auscult.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.auscult.server.mail.ActivationMail;
import dev.auscult.server.mail.SmtpMailer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * The server's settings: a YAML file ({@code --config}), then environment variables ({@code AUSCULT_*}),
 * then command-line options win. Secrets (database and SMTP passwords, the TLS key store password) come
 * from the environment or a file, never from the command line where {@code ps} shows them.
 */
public record ServerConfig(
        String bind,
        int port,
        Path dataDir,
        Optional<String> databaseUrl,
        int poolSize,
        Duration codeLifetime,
        Duration reportRetention,
        Optional<SmtpMailer.Settings> smtp,
        ActivationMail.Downloads downloads,
        Optional<Tls> tls,
        int maxRequestBytes,
        java.util.List<String> trustedProxies,
        Optional<String> publicUrl) {

    /** HTTPS terminated by the server itself (or terminate TLS in a reverse proxy: see the README). */
    public sealed interface Tls {
        /** A PKCS#12 key store and its password. */
        record KeyStoreFile(Path keyStore, String password) implements Tls {
            @Override
            public String toString() {
                return "Tls[keyStore=" + keyStore + ", password=redacted]";
            }
        }

        /** PEM files as certbot, acme.sh or an internal CA write them: the certificate chain and its PKCS#8 private key. */
        record PemFiles(Path certificate, Path privateKey) implements Tls {
        }
    }

    /** Every key the server reads; anything else in the file is a typo worth a warning ("smpt:"). */
    private static final java.util.Set<String> KNOWN_KEYS = java.util.Set.of("bind", "port", "dataDir", "database", "poolSize",
            "codeLifetimeDays", "reportRetentionDays", "smtp", "smtp.host", "smtp.port", "smtp.user", "smtp.passwordFile", "smtp.from",
            "smtp.startTls", "downloads", "downloads.macos", "downloads.windows", "downloads.linux", "tls", "tls.keyStore",
            "tls.passwordFile", "tls.certificate", "tls.privateKey", "trustedProxies", "publicUrl");

    public static ServerConfig load(Optional<Path> file, Map<String, String> env) throws IOException {
        JsonNode n = file.isPresent() ? new ObjectMapper(new YAMLFactory()).readTree(Files.readString(file.get())) : null;
        if (n == null || n.isMissingNode() || n.isNull()) {
            n = new ObjectMapper().createObjectNode();
        }
        if (!n.isObject()) {
            throw new IOException(file.map(Path::toString).orElse("config") + ": must be a mapping of settings");
        }
        JsonNode cfg = n;
        int smtpPort = (int) number(cfg, "smtp.port", env, "AUSCULT_SMTP_PORT", 587, 1, 65535);
        Optional<SmtpMailer.Settings> smtp = text(cfg, "smtp.host", env, "AUSCULT_SMTP_HOST").map(host -> new SmtpMailer.Settings(host,
                smtpPort,
                text(cfg, "smtp.user", env, "AUSCULT_SMTP_USER"),
                secret(cfg, "smtp.passwordFile", env, "AUSCULT_SMTP_PASSWORD"),
                text(cfg, "smtp.from", env, "AUSCULT_SMTP_FROM").orElse("auscult@localhost"),
                !text(cfg, "smtp.startTls", env, "AUSCULT_SMTP_STARTTLS").orElse("true").equalsIgnoreCase("false")));
        Optional<Tls> tls = tls(cfg, env);
        return new ServerConfig(
                text(cfg, "bind", env, "AUSCULT_BIND").orElse("0.0.0.0"),
                (int) number(cfg, "port", env, "AUSCULT_PORT", 8443, 0, 65535),
                Path.of(text(cfg, "dataDir", env, "AUSCULT_DATA").orElse("auscult-data")),
                text(cfg, "database", env, "AUSCULT_DATABASE"),
                (int) number(cfg, "poolSize", env, "AUSCULT_POOL_SIZE", 16, 1, 1000),
                Duration.ofDays(number(cfg, "codeLifetimeDays", env, "AUSCULT_CODE_LIFETIME_DAYS", 14, 1, 365)),
                Duration.ofDays(number(cfg, "reportRetentionDays", env, "AUSCULT_REPORT_RETENTION_DAYS", 90, 1, 36500)),
                smtp,
                new ActivationMail.Downloads(
                        text(cfg, "downloads.macos", env, "AUSCULT_DOWNLOAD_MACOS").orElse("https://auscult.dev/download/macos"),
                        text(cfg, "downloads.windows", env, "AUSCULT_DOWNLOAD_WINDOWS").orElse("https://auscult.dev/download/windows"),
                        text(cfg, "downloads.linux", env, "AUSCULT_DOWNLOAD_LINUX").orElse("https://auscult.dev/download/linux")),
                tls,
                1 << 20,
                text(cfg, "trustedProxies", env, "AUSCULT_TRUSTED_PROXIES").map(v -> java.util.Arrays.stream(v.split("[,\\s]+"))
                        .filter(x -> !x.isBlank()).toList()).orElse(java.util.List.of()),
                // the address agents reach the server at: it travels with every activation code (per account in Settings)
                text(cfg, "publicUrl", env, "AUSCULT_PUBLIC_URL").map(dev.auscult.server.service.AccountSettings::publicUrlChecked));
    }

    public ServerConfig withPort(int p) {
        return new ServerConfig(bind, p, dataDir, databaseUrl, poolSize, codeLifetime, reportRetention, smtp, downloads, tls, maxRequestBytes, trustedProxies,
                publicUrl);
    }

    public ServerConfig withDatabase(Optional<String> url, Optional<Path> data) {
        return new ServerConfig(bind, port, data.orElse(dataDir), url.or(() -> databaseUrl), poolSize, codeLifetime, reportRetention, smtp,
                downloads, tls, maxRequestBytes, trustedProxies, publicUrl);
    }

    public ServerConfig withBind(String b) {
        return new ServerConfig(b, port, dataDir, databaseUrl, poolSize, codeLifetime, reportRetention, smtp, downloads, tls, maxRequestBytes, trustedProxies,
                publicUrl);
    }

    public ServerConfig withSmtp(Optional<SmtpMailer.Settings> s) {
        return new ServerConfig(bind, port, dataDir, databaseUrl, poolSize, codeLifetime, reportRetention, s, downloads, tls, maxRequestBytes,
                trustedProxies, publicUrl);
    }

    /**
     * A whole number within bounds, or an error that names the setting and the value read — never Java's
     * "For input string" (a code lifetime of 0 days would issue codes that are expired when sent).
     */
    private static long number(JsonNode n, String dotted, Map<String, String> env, String var, long otherwise, long min, long max)
            throws IOException {
        Optional<String> raw = text(n, dotted, env, var);
        if (raw.isEmpty()) {
            return otherwise;
        }
        String where = env.containsKey(var) && !env.get(var).isBlank() ? var : dotted;
        long value;
        try {
            value = Long.parseLong(raw.get().strip());
        } catch (NumberFormatException e) {
            throw new IOException(where + " must be a whole number, not \u201c" + raw.get() + "\u201d");
        }
        if (value < min || value > max) {
            throw new IOException(where + " must be between " + min + " and " + max + ", not " + value);
        }
        return value;
    }

    private static Optional<Tls> tls(JsonNode cfg, Map<String, String> env) throws IOException {
        Optional<String> keyStore = text(cfg, "tls.keyStore", env, "AUSCULT_TLS_KEYSTORE");
        Optional<String> certificate = text(cfg, "tls.certificate", env, "AUSCULT_TLS_CERTIFICATE");
        Optional<String> privateKey = text(cfg, "tls.privateKey", env, "AUSCULT_TLS_PRIVATE_KEY");
        if (keyStore.isPresent() && (certificate.isPresent() || privateKey.isPresent())) {
            throw new IOException("tls: give either keyStore (PKCS#12) or certificate and privateKey (PEM), not both");
        }
        if (certificate.isPresent() != privateKey.isPresent()) {
            throw new IOException("tls: certificate and privateKey go together (PEM files); one of them is missing");
        }
        if (certificate.isPresent()) {
            return Optional.of(new Tls.PemFiles(Path.of(certificate.get()), Path.of(privateKey.get())));
        }
        return keyStore.map(ks -> new Tls.KeyStoreFile(Path.of(ks), secret(cfg, "tls.passwordFile", env, "AUSCULT_TLS_PASSWORD").orElse("")));
    }

    /** The keys of a configuration file that the server does not read, dotted ("smpt", "tls.keystore"): typos, warned about. */
    public static java.util.List<String> unknownKeys(Path file) throws IOException {
        JsonNode n = new ObjectMapper(new YAMLFactory()).readTree(Files.readString(file));
        java.util.List<String> out = new java.util.ArrayList<>();
        if (n != null && n.isObject()) {
            collectUnknown(n, "", out);
        }
        return out;
    }

    private static void collectUnknown(JsonNode n, String prefix, java.util.List<String> out) {
        n.properties().forEach(e -> {
            String key = prefix + e.getKey();
            if (!KNOWN_KEYS.contains(key)) {
                out.add(key);
            } else if (e.getValue().isObject()) {
                collectUnknown(e.getValue(), key + ".", out);
            }
        });
    }

    private static Optional<String> text(JsonNode n, String dotted, Map<String, String> env, String var) {
        Optional<String> fromEnv = Optional.ofNullable(env.get(var)).filter(s -> !s.isBlank());
        if (fromEnv.isPresent()) {
            return fromEnv;
        }
        JsonNode v = n;
        for (String part : dotted.split("\\.")) {
            v = v.path(part);
        }
        return v.isMissingNode() || v.isNull() ? Optional.empty() : Optional.of(v.asText()).filter(s -> !s.isBlank());
    }

    /** A secret: the environment variable, else the file the config names. */
    private static Optional<String> secret(JsonNode n, String fileKey, Map<String, String> env, String var) {
        Optional<String> fromEnv = Optional.ofNullable(env.get(var)).filter(s -> !s.isEmpty());
        if (fromEnv.isPresent()) {
            return fromEnv;
        }
        return text(n, fileKey, Map.of(), "").map(f -> {
            try {
                return Files.readString(Path.of(f)).strip();
            } catch (IOException e) {
                throw new java.io.UncheckedIOException("the secret file " + f + " cannot be read", e);
            }
        });
    }
}
