package dev.auscult.server.service;

import java.util.Locale;
import java.util.Objects;

/**
 * Who takes an action: for which account, in which role, through which door. Made only where a person is
 * authenticated — a console session, an API token, the server's own command line — and given to every service
 * method that changes something, which checks the role and the account itself: a route that forgot its check, or a
 * new door, can never do more than the role allows. The console and the API also check first, to answer early and
 * hide what a role cannot do; this is the check that holds.
 */
public record Actor(String accountId, String name, Role role, Door door) {

    /** How the person came in, as the audit log names it. */
    public enum Door {
        CONSOLE, API, CLI;

        String key() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public Actor {
        Objects.requireNonNull(accountId, "accountId");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(door, "door");
    }

    /**
     * The server's own command line: whoever may run it on the server's machine holds its database and its
     * configuration, so it acts as an owner of the account it names.
     */
    public static Actor cli(String accountId, String user) {
        return new Actor(accountId, user, Role.OWNER, Door.CLI);
    }

    /** How the audit log records it: "console:alice@acme.example (Owner)", "api:ticketing (Helpdesk)", "cli:root". */
    public String audited() {
        return door == Door.CLI ? "cli:" + name : door.key() + ":" + name + " (" + role.label() + ")";
    }

    /** Refuses (FORBIDDEN) an action on another account, or one this role may not take. */
    public void require(Role.Permission permission, String account) {
        if (!accountId.equals(account)) {
            throw new ApiError(ApiError.Code.FORBIDDEN, audited() + " acts for account " + accountId + ", not " + account);
        }
        if (!role.can(permission)) {
            throw new ApiError(ApiError.Code.FORBIDDEN, audited() + " may not " + permission.name().toLowerCase(Locale.ROOT).replace('_', ' ')
                    + ": the " + role.label() + " role does not allow it");
        }
    }
}
