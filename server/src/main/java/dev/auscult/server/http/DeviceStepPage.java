package dev.auscult.server.http;

import java.util.List;

/**
 * What the device step's page shows, already in the person's language. {@code state} is one of waiting, denied,
 * warned, expired; the links and form fields are only those the state needs. {@code snoozeLabel} is empty unless the
 * policy lets this person go on past this denial now.
 */
public record DeviceStepPage(String lang, String heading, String lead, String state, boolean refresh, String proveLink, String button,
                             String hint, String noAgent, List<Item> items, String checkAgain, String checkAgainHint, String continueLabel,
                             String cancelLabel, String formBase, String challenge, String csrf, String snoozeLabel) {

    /**
     * One practice to fix: its title, what it does to sign-in, the due date if any, the reason the report gave, and
     * the agent's own directions for the device's OS ({@code directionsHtml}: Markdown rendered with HTML escaped).
     */
    public record Item(String id, String title, String effect, String due, String why, String directionsHtml) {
    }
}
