package dev.auscult.server.store;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/** {@link MailBatchStore} in SQL. */
final class JdbiMailBatchStore implements MailBatchStore {

    /** activation_mails.last_error's width. */
    private static final int PROBLEM = 500;

    private final Handle h;

    JdbiMailBatchStore(Handle h) {
        this.h = h;
    }

    @Override
    public void add(Account account, String batchId, List<NewMail> mails, Instant at) {
        if (mails.isEmpty()) {
            return;
        }
        var insert = h.prepareBatch("INSERT INTO activation_mails (batch_id, account_id, email, status, attempts, created_at, last_error) "
                + "VALUES (:b, :a, :e, :status, 0, :now, :why)");
        for (NewMail m : mails) {
            insert.bind("b", batchId).bind("a", account.id()).bind("e", m.email()).bind("status", m.status()).bind("now", at)
                    .bind("why", m.why().orElse(null)).add();
        }
        insert.execute();
    }

    @Override
    public boolean exists(Account account, String batchId) {
        return h.createQuery("SELECT count(*) FROM activation_mails WHERE batch_id = :b AND account_id = :a").bind("b", batchId).bind("a", account.id())
                .mapTo(Integer.class).one() > 0;
    }

    @Override
    public List<Pending> toSend(Account account, String batchId, int maxAttempts) {
        return h.createQuery("SELECT id, email FROM activation_mails WHERE batch_id = :b AND account_id = :a AND status IN ('PENDING', 'FAILED') "
                        + "AND attempts < :max ORDER BY id").bind("b", batchId).bind("a", account.id()).bind("max", maxAttempts)
                .map((rs, ctx) -> new Pending(rs.getLong("id"), rs.getString("email"))).list();
    }

    @Override
    public void sent(Account account, long mailId, long codeId, Instant at) {
        h.createUpdate("UPDATE activation_mails SET status = 'SENT', attempts = attempts + 1, last_error = NULL, code_id = :c, sent_at = :now "
                + "WHERE id = :id AND account_id = :a").bind("c", codeId).bind("now", at).bind("id", mailId).bind("a", account.id()).execute();
    }

    @Override
    public void failed(Account account, long mailId, String problem) {
        h.createUpdate("UPDATE activation_mails SET status = 'FAILED', attempts = attempts + 1, last_error = :err WHERE id = :id AND account_id = :a")
                .bind("err", Columns.cut(Optional.of(problem), PROBLEM)).bind("id", mailId).bind("a", account.id()).execute();
    }

    @Override
    public List<MailOutcome> outcomes(Account account, String batchId) {
        return h.createQuery("SELECT email, status, last_error FROM activation_mails WHERE batch_id = :b AND account_id = :a ORDER BY id")
                .bind("b", batchId).bind("a", account.id())
                .map((rs, ctx) -> new MailOutcome(rs.getString("email"), rs.getString("status"), Columns.text(rs, "last_error"))).list();
    }
}
