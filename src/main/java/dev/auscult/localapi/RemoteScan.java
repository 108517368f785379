package dev.auscult.localapi;

import dev.auscult.posture.Verdict;
import java.util.Optional;

/** A page asked for the device's posture: who (the host label, or the origin), its session, the verdict. */
public record RemoteScan(String requester, Optional<String> sessionId, Optional<Verdict> status) {
}
