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

    /** HTTPS from a PKCS#12 key store (or terminate TLS in a reverse proxy: see the README). */
    public record Tls(Path keyStore, String password) {
        @Override
        public String toString() {
            return "Tls[keyStore=" + keyStore + ", password=redacted]";
        }
    }

    public static ServerConfig load(Optional<Path> file, Map<String, String> env) throws IOException {
        JsonNode n = file.isPresent() ? new ObjectMapper(new YAMLFactory()).readTree(Files.readString(file.get())) : null;
        if (n == null || n.isMissingNode() || n.isNull()) {
            n = new ObjectMapper().createObjectNode();
        }
        if (!n.isObject()) {
            throw new IOException(file.map(Path::toString).orElse("config") + ": must be a mapping of settings");
        }
        JsonNode cfg = n;
        Optional<SmtpMailer.Settings> smtp = text(cfg, "smtp.host", env, "AUSCULT_SMTP_HOST").map(host -> new SmtpMailer.Settings(host,
                Integer.parseInt(text(cfg, "smtp.port", env, "AUSCULT_SMTP_PORT").orElse("587")),
                text(cfg, "smtp.user", env, "AUSCULT_SMTP_USER"),
                secret(cfg, "smtp.passwordFile", env, "AUSCULT_SMTP_PASSWORD"),
                text(cfg, "smtp.from", env, "AUSCULT_SMTP_FROM").orElse("auscult@localhost"),
                !text(cfg, "smtp.startTls", env, "AUSCULT_SMTP_STARTTLS").orElse("true").equalsIgnoreCase("false")));
        Optional<Tls> tls = text(cfg, "tls.keyStore", env, "AUSCULT_TLS_KEYSTORE").map(ks -> new Tls(Path.of(ks),
                secret(cfg, "tls.passwordFile", env, "AUSCULT_TLS_PASSWORD").orElse("")));
        return new ServerConfig(
                text(cfg, "bind", env, "AUSCULT_BIND").orElse("0.0.0.0"),
                Integer.parseInt(text(cfg, "port", env, "AUSCULT_PORT").orElse("8443")),
                Path.of(text(cfg, "dataDir", env, "AUSCULT_DATA").orElse("auscult-data")),
                text(cfg, "database", env, "AUSCULT_DATABASE"),
                Integer.parseInt(text(cfg, "poolSize", env, "AUSCULT_POOL_SIZE").orElse("16")),
                Duration.ofDays(Long.parseLong(text(cfg, "codeLifetimeDays", env, "AUSCULT_CODE_LIFETIME_DAYS").orElse("14"))),
                Duration.ofDays(Long.parseLong(text(cfg, "reportRetentionDays", env, "AUSCULT_REPORT_RETENTION_DAYS").orElse("90"))),
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
