package dev.auscult.server.service;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/** What an administrator may do: four roles, each a fixed set of permissions (as Fleet's and JupiterOne's are). */
public enum Role {
    /** Everything, including settings, administrators, SCIM tokens and the roll-out kit. */
    OWNER("Owner", EnumSet.allOf(Permission.class)),
    /** Policies: edit, preview, publish, roll back; reads the rest. */
    POLICY_EDITOR("Policy editor", EnumSet.of(Permission.READ, Permission.EXPORT, Permission.POLICY)),
    /** People, activation codes (send, resend, revoke, export) and devices (revoke); reads the rest. No policy, no settings. */
    HELPDESK("Helpdesk", EnumSet.of(Permission.READ, Permission.EXPORT, Permission.PEOPLE_AND_CODES, Permission.DEVICES)),
    /** Reads everything and exports the evidence and the audit log; changes nothing. */
    AUDITOR("Auditor", EnumSet.of(Permission.READ, Permission.EXPORT));

    /** What a console route or an API call needs. */
    public enum Permission { READ, EXPORT, POLICY, PEOPLE_AND_CODES, DEVICES, SETTINGS, ADMINISTRATORS }

    private final String label;
    private final Set<Permission> permissions;

    Role(String label, Set<Permission> permissions) {
        this.label = label;
        this.permissions = permissions;
    }

    public String label() {
        return label;
    }

    public boolean can(Permission p) {
        return permissions.contains(p);
    }

    /** "owner", "policy-editor", "helpdesk", "auditor" (and the enum's own names): for forms and the command line. */
    public static Role parse(String text) {
        String t = text.strip().toUpperCase(Locale.ROOT).replace('-', '_').replace(' ', '_');
        for (Role r : values()) {
            if (r.name().equals(t)) {
                return r;
            }
        }
        throw new IllegalArgumentException("'" + text.strip() + "' is not a role (owner, policy-editor, helpdesk, auditor)");
    }
}
