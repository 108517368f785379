package dev.auscult.server.store;

import java.util.Objects;

/**
 * An organisation's account as a door established it: a device's token, a SCIM or API token, a console session, the
 * operator's command line, or the code of an activation. Every service method and every store method on an account's
 * data takes one, so a query cannot forget whose rows it reads; a bare id from a form or a path is never one until a
 * door has checked it (which classes may make one is an ArchUnit rule, {@code ServerArchitectureTest}).
 */
public record Account(String id) {

    public Account {
        Objects.requireNonNull(id, "account id");
        if (id.isBlank()) {
            throw new IllegalArgumentException("an account id is not blank");
        }
    }

    @Override
    public String toString() {
        return id;
    }
}
