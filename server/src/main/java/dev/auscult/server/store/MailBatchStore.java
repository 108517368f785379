package dev.auscult.server.store;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The {@code activation_mails} table: one row per recipient of a send, written before any mail goes out. */
public interface MailBatchStore {

    /** A recipient as a send starts: PENDING, or not mailed with the reason. */
    record NewMail(String email, String status, Optional<String> why) {
    }

    /** A recipient still to mail. */
    record Pending(long id, String email) {
    }

    void add(Account account, String batchId, List<NewMail> mails, Instant at);

    /** Whether the account has a send with this id (a batch id is not a secret: another account's finds nothing). */
    boolean exists(Account account, String batchId);

    /** The send's recipients still pending or failed, under {@code maxAttempts} tries. */
    List<Pending> toSend(Account account, String batchId, int maxAttempts);

    void sent(Account account, long mailId, long codeId, Instant at);

    void failed(Account account, long mailId, String problem);

    /** The send recipient by recipient, in the order it was written; empty for another account's batch. */
    List<MailOutcome> outcomes(Account account, String batchId);
}
