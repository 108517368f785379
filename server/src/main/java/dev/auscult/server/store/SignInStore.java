package dev.auscult.server.store;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code signins} and {@code signin_decisions} tables. A sign-in is found by what the browser, the device or the
 * relying party holds — its id with the browser's cookie, the challenge, the code, the access token — before any
 * account is known, so those lookups cross accounts and say so; the caller checks the hashes and the account. Every
 * change after that names the account the sign-in was found in.
 */
public interface SignInStore {

    void add(SignIn signIn);

    Optional<SignIn> byIdAcrossAccounts(String id);

    Optional<SignIn> byChallengeHashAcrossAccounts(String challengeHash);

    Optional<SignIn> byCodeHashAcrossAccounts(String codeHash);

    /** The sign-in whose access token this is, while it is valid. */
    Optional<SignIn> byLiveTokenHashAcrossAccounts(String tokenHash, Instant now);

    /** A device answered: who, when, the decision and its findings — and the answer is kept in the decisions as well. */
    void answer(Account account, String id, String deviceId, String ownerEmail, Instant at, String decision, String practices);

    /** A denied sign-in goes on with the person's snooze: the sign-in says so and the decisions keep it. */
    void snooze(Account account, String id, Instant at);

    /** The one code of a sign-in; false when it has one already (a second tab, a replayed continue). */
    boolean issueCode(Account account, String id, String codeHash, Instant expires);

    /** The one ID token of a form_post sign-in, marked as given; false when it was given already. */
    boolean markPosted(Account account, String id, Instant at);

    /** The code is spent and the access token it gave is kept (hashed); false when the code was spent before. */
    boolean redeem(Account account, String id, Instant at, String tokenHash, Instant tokenExpires);

    /** The access token a sign-in gave stops working now (its code was presented twice). */
    void revokeToken(Account account, String id, Instant at);

    /** The person gave up: the sign-in is over. */
    void end(Account account, String id, Instant at);

    /** How many denials the person went on past with a snooze since a time. */
    int snoozesSince(Account account, String ownerEmail, Instant since);

    /** The newest decisions, of one device or all. */
    List<SignInDecision> decisions(Account account, Optional<String> deviceId, int limit);

    /** How many answers since a time, per decision. */
    Map<String, Integer> counts(Account account, Instant since);
}
