package dev.auscult.server.store;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The {@code policies} and {@code policy_assignments} tables: versions per account, and which version each group has. */
public interface PolicyStore {

    /** A version to add; its number is the account's next. */
    record NewVersion(String name, String sourceName, String document, String sourceText, String by, Instant at) {
    }

    /** Adds the account's next version; returns its number. */
    int add(Account account, NewVersion version);

    boolean exists(Account account, int version);

    /** Puts the version in force for the group ("" for the whole account). */
    void assign(Account account, String group, int version, Instant at);

    /** The version in force for the group, if one was assigned. */
    Optional<Integer> assigned(Account account, String group);

    /** The document of a version. */
    Optional<String> document(Account account, int version);

    /** Newest first. */
    List<PolicyVersion> versions(Account account);

    /** Group → version in force, by group. */
    Map<String, Integer> assignments(Account account);
}
