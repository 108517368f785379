package dev.auscult.server.service;

import dev.auscult.server.store.Account;

import dev.auscult.server.store.Settings;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * What an MDM needs to deploy Auscult already pointed at this server (Fleet's "fleetctl package" for Auscult): the
 * managed config.yaml (server address, account, the organisation's look), optionally the email,code CSV for the
 * chosen people, ready install scripts for Linux (shell, Salt, Ansible), macOS (Jamf) and Windows (Intune), and a
 * small Debian package that carries the configuration. The released agent packages are never repacked: they stay
 * byte for byte what was published (their checksums and signatures still verify); the organisation's part travels
 * beside them and can be signed with the organisation's own repository key.
 */
public final class RolloutKit {

    /** Which people get a code in the kit's CSV: none (people activate from their e-mail), those without a device, everyone. */
    public enum Codes { NONE, WITHOUT_DEVICE, EVERYONE }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String LINUX_CSV = "/etc/auscult/activation-codes.csv";

    private final Accounts accounts;
    private final AccountSettings settings;
    private final ActivationSender sender;
    private final Audit audit;
    private final dev.auscult.server.mail.ActivationMail.Downloads serverDownloads;
    private final Clock clock;

    public RolloutKit(Accounts accounts, AccountSettings settings, ActivationSender sender, Audit audit,
                      dev.auscult.server.mail.ActivationMail.Downloads serverDownloads, Clock clock) {
        this.accounts = accounts;
        this.settings = settings;
        this.sender = sender;
        this.audit = audit;
        this.serverDownloads = serverDownloads;
        this.clock = clock;
    }

    /** The kit as a zip. Codes, when asked for, are issued now (replacing the people's earlier ones) and are in this file only. */
    public byte[] zip(Account account, Codes codes, Actor by) {
        by.require(Role.Permission.SETTINGS, account.id());
        String actor = by.audited();
        accounts.require(account.id());
        String backend = settings.publicUrl(account).orElseThrow(() -> new IllegalArgumentException(
                "set the server address first (Settings → Server address): the kit points the agents at it"));
        Optional<String> csv = switch (codes) {
            case NONE -> Optional.empty();
            case WITHOUT_DEVICE -> Optional.of(sender.exportCsv(account, new Audience.WithoutDevice(), by));
            case EVERYONE -> Optional.of(sender.exportCsv(account, new Audience.Everyone(), by));
        };
        String config = managedConfig(account, backend, csv.isPresent());
        Settings s = settings.get(account);
        String organisation = s.displayName().orElse(accounts.require(account.id()).name());
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put("README.txt", readme(account, organisation, backend, csv.isPresent()).getBytes(StandardCharsets.UTF_8));
        files.put("config.yaml", config.getBytes(StandardCharsets.UTF_8));
        csv.ifPresent(c -> files.put("activation-codes.csv", c.getBytes(StandardCharsets.UTF_8)));
        files.put("linux/install-linux.sh", script("install-linux.sh", organisation, shellQuoted(s.downloadLinux().orElse(serverDownloads.linux()))));
        files.put("linux/" + ConfigDeb.fileName(account, version()), ConfigDeb.build(account, organisation, version(),
                config.getBytes(StandardCharsets.UTF_8), csv.map(c -> c.getBytes(StandardCharsets.UTF_8))));
        files.put("macos/install-macos.sh", script("install-macos.sh", organisation, shellQuoted(s.downloadMacos().orElse(serverDownloads.macos()))));
        files.put("windows/install-windows.ps1", script("install-windows.ps1", organisation,
                powerShellQuoted(s.downloadWindows().orElse(serverDownloads.windows()))));
        audit.record(Optional.of(account.id()), actor, "rollout.kit", "roll-out kit made (codes: " + codes.name().toLowerCase(Locale.ROOT).replace('_', ' ') + ")");
        return zip(files);
    }

    /** The managed configuration the agents read (README "Deploy with MDM"); every value a quoted YAML scalar. */
    String managedConfig(Account account, String backend, boolean withCodes) {
        Settings s = settings.get(account);
        StringBuilder y = new StringBuilder();
        y.append("# Auscult managed configuration for ").append(oneLine(s.displayName().orElse(account.id()))).append(", made by its Auscult Server on ")
                .append(DateTimeFormatter.ISO_LOCAL_DATE.withZone(ZoneOffset.UTC).format(clock.instant())).append(".\n")
                .append("# Linux: /etc/auscult/config.yaml · macOS: /Library/Application Support/Auscult/config.yaml · Windows: %ProgramData%\\Auscult\\config.yaml\n")
                .append("# Owned by root/Administrators and writable by them only, or the agent ignores it and says why.\n");
        y.append("backendUrl: ").append(quoted(backend)).append('\n');
        y.append("account: ").append(quoted(account.id())).append('\n');
        if (withCodes) {
            y.append("# each person's row: the e-mail address whose local part is their login name\n");
            y.append("activationCsv: ").append(quoted(LINUX_CSV)).append('\n');
        }
        if (s.displayName().isPresent() || s.accentColour().isPresent()) {
            y.append("organization:\n");
            s.displayName().ifPresent(n -> y.append("  name: ").append(quoted(n)).append('\n'));
            s.accentColour().ifPresent(c -> y.append("  accentColor: ").append(quoted(c)).append('\n'));
        }
        return y.toString();
    }

    private String readme(Account account, String organisation, String backend, boolean withCodes) {
        return "Auscult roll-out kit for " + oneLine(organisation) + " (account " + account.id() + ")\n"
                + "Server: " + backend + "\n\n"
                + "config.yaml            the managed configuration: it points every agent at the server above.\n"
                + (withCodes ? "activation-codes.csv   email,code rows: each person's agent activates itself with their row at the next login.\n"
                        + "                       Keep this file like a password file; the codes in it are live and in no other place.\n" : "")
                + "linux/                 install-linux.sh (root; shell, SaltStack cmd.script, Ansible script) installs the agent from\n"
                + "                       your download link and the configuration package beside it; the auscult-config-*.deb can also go\n"
                + "                       into your own APT repository (sign it with your repository key).\n"
                + "macos/                 install-macos.sh: a Jamf Pro policy script (runs as root), with config.yaml"
                + (withCodes ? " and the CSV" : "") + " delivered beside it.\n"
                + "windows/               install-windows.ps1: an Intune Win32 app or platform script (SYSTEM), files beside it.\n\n"
                + "The agent packages themselves are the ones you publish, unchanged: their checksums and signatures still verify.\n"
                + (withCodes ? "" : "Without activation-codes.csv, people activate with the code from their e-mail (Activations in the console).\n");
    }

    private static byte[] script(String name, String organisation, String download) {
        try (InputStream in = RolloutKit.class.getResourceAsStream("/dev/auscult/server/rollout/" + name)) {
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            // the organisation's name only in a comment line (letters, digits, a few signs), the download link as a
            // quoted literal of the script's own language: nothing the console accepts can become a command
            return text.replace("__ORGANISATION__", oneLine(organisation).replaceAll("[^\\p{L}\\p{N} .,&()_-]", ""))
                    .replace("__DOWNLOAD__", download).getBytes(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String version() {
        return "1." + DateTimeFormatter.ofPattern("yyyyMMddHHmmss").withZone(ZoneOffset.UTC).format(clock.instant());
    }

    static String quoted(String value) {
        try {
            return JSON.writeValueAsString(value);   // a JSON string is a valid double-quoted YAML scalar
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String shellQuoted(String value) {
        return "'" + value.replace("'", "'\\''") + "'";
    }

    static String powerShellQuoted(String value) {
        return "'" + value.replace("'", "''") + "'";
    }

    private static String oneLine(String text) {
        return text.replaceAll("[\\p{Cntrl}]", " ").strip();
    }

    private static byte[] zip(Map<String, byte[]> files) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out, StandardCharsets.UTF_8)) {
            for (Map.Entry<String, byte[]> f : files.entrySet()) {
                ZipEntry e = new ZipEntry("auscult-rollout/" + f.getKey());
                zip.putNextEntry(e);
                zip.write(f.getValue());
                zip.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    static String packageName(Account account) {
        return "auscult-config-" + account.id().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9.+-]", "-");
    }
}
