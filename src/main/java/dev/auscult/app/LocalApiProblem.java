package dev.auscult.app;

/** Why the web check-in service (the local API) is not running: a fact for the window to put in the person's language. */
public sealed interface LocalApiProblem {

    /** Another program listens on the port; Auscult keeps working and tries again every minute. */
    record PortInUse(int port) implements LocalApiProblem {
    }

    /** It could not start for another reason, as the system said it. */
    record CouldNotStart(String detail) implements LocalApiProblem {
    }
}
