package dev.auscult.server.console;

import dev.auscult.server.service.Role;

/** What every console page knows of who is looking: the name, the account, the form token, the section, and the role. */
public record Nav(String username, String accountId, String csrf, String section, Role role) {

    /** Whether to offer a control: a page shows only what the role may do (the route refuses the rest anyway). */
    public boolean can(Role.Permission p) {
        return role.can(p);
    }
}
