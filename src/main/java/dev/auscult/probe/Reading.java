package dev.auscult.probe;

import java.util.Optional;
import java.util.OptionalInt;

/** The raw content of one evidence source as one scan read it (live or from a snapshot). */
public sealed interface Reading {

    String sourceId();

    ReadStatus status();

    /** A command that ran: any exit code counts, because several tools report state through it. */
    /** @param program the absolute path that ran (recorded, so a snapshot shows which binary answered); empty when not known */
    record CommandOutput(String sourceId, int exitCode, String stdout, String stderr, java.util.Optional<String> program) implements Reading {
        public CommandOutput(String sourceId, int exitCode, String stdout, String stderr) {
            this(sourceId, exitCode, stdout, stderr, java.util.Optional.empty());
        }

        @Override
        public ReadStatus status() {
            return ReadStatus.OK;
        }
    }

    record FileContent(String sourceId, String content) implements Reading {
        @Override
        public ReadStatus status() {
            return ReadStatus.OK;
        }
    }

    record EnvValue(String sourceId, String value) implements Reading {
        @Override
        public ReadStatus status() {
            return ReadStatus.OK;
        }
    }

    /** Missing, denied, timed out or failed; {@code message} says what happened in plain words. */
    record Unavailable(String sourceId, ReadStatus status, String message, OptionalInt exitCode, String stdout,
                       String stderr) implements Reading {
        public Unavailable {
            if (status == ReadStatus.OK) {
                throw new IllegalArgumentException("an unavailable reading cannot have status ok");
            }
        }

        public static Unavailable of(String sourceId, ReadStatus status, String message) {
            return new Unavailable(sourceId, status, message, OptionalInt.empty(), "", "");
        }
    }

    /** The main text of a successful reading: stdout, file content or variable value. */
    default Optional<String> text() {
        return switch (this) {
            case CommandOutput c -> Optional.of(c.stdout());
            case FileContent f -> Optional.of(f.content());
            case EnvValue e -> Optional.of(e.value());
            case Unavailable u -> Optional.empty();
        };
    }

    default boolean isOk() {
        return status() == ReadStatus.OK;
    }

    /** Why this reading cannot be used, for a practice's reason; empty when it is usable. */
    default String problem() {
        return switch (this) {
            case Unavailable u -> u.message();
            default -> "";
        };
    }
}
