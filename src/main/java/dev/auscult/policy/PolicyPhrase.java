package dev.auscult.policy;

import dev.auscult.posture.Phrase;

/** How the policy words its judgement of a finding; translations are keyed {@code policy.NAME}. */
public enum PolicyPhrase implements Phrase {
    NO_BRACKET_APPLIES("{0}; {1}"),
    LINUX_BRACKET_UBUNTU_ONLY("the policy's 'linux' bracket is written in Ubuntu's numbering, so it is not applied to {0}; add an osVersion.{1} bracket (e.g. ok: \">={2}\") to judge it"),
    NO_BRACKET("the policy sets no OS version for {0}"),
    NO_BRACKET_FOR_ID("the policy sets no OS version for {0} ({1})"),
    OS_VERSION_NOT_A_NUMBER("the OS version '{0}' is not a version number"),
    VERSION_WITHIN("{0} is within {1}"),
    VERSION_ALLOWED_NOT_RECOMMENDED("{0} is still allowed, but {1} is recommended"),
    VERSION_TOO_OLD("{0} is too old or not allowed: {1} is required"),
    BUILT_ON_UBUNTU("{0}, built on Ubuntu {1} ({2})"),
    UBUNTU_POINT_RELEASE_UNKNOWN("{0}; the policy's Ubuntu bracket depends on the point release, which {1} does not state: add an osVersion.{2} bracket in its own numbering"),
    THIS_DISTRIBUTION("this distribution"),
    LOCK_REQUIRED_WITHIN("{0}; the policy requires locking within {1}"),
    IDLE_NOT_MEASURED("{0}, but the idle time could not be measured"),
    IDLE_ALLOWED("{0}; the policy allows {1}"),
    IDLE_AT_MOST("at most {0}"),
    IDLE_AT_MOST_WITH_GRACE("at most {0} min, plus a {1} s grace before the password"),
    IDLE_RANGE("{0} s"),
    WINDOWS_LOCK_TOO_LATE("the screen locks only after {0} s; the policy allows at most {1} s"),
    AGENT_VERSION_NOT_A_NUMBER("the agent version '{0}' is not a version number"),
    AGENT_MEETS("Auscult {0} meets {1}"),
    AGENT_DOES_NOT_MEET("Auscult {0} does not meet {1}"),
    STETHOSCOPE_MEETS("Auscult {0} reads policies as Stethoscope {1} did, which meets stethoscopeVersion {2}"),
    STETHOSCOPE_DOES_NOT_MEET("Auscult {0} reads policies as Stethoscope {1} did, which does not meet stethoscopeVersion {2}"),
    AV_OS_UNKNOWN("the OS version is unknown, so it is unclear which of the policy's antivirus providers apply"),
    AV_NO_PROVIDER_APPLIES("{0}; none of the policy's antivirus providers apply to {1}"),
    AV_SOFTWARE_NOT_LISTED("installed software was not listed"),
    AV_BANNED_PRESENT("not allowed by the policy: {0}"),
    AV_NONE_BANNED_PRESENT("none of the banned antivirus products is present"),
    AV_FOUND("found {0}"),
    AV_FOUND_WHERE("{0} ({1})"),
    AV_RUNNING("running"),
    AV_INSTALLED("installed: {0}"),
    AV_NOT_SEEN_UNREADABLE("none of {0} was seen, but neither the running services ({1}) nor the installed software ({2}) could be fully read"),
    AV_NONE_PRESENT("none of {0} is running or installed"),
    AV_NONE_PRESENT_OTHER_RUNNING("none of {0} is running or installed ({1}, but it is not one of the policy's providers)"),
    APPS_NOT_LISTED("installed applications were not listed"),
    APP_OS_UNKNOWN("the OS version is unknown, so it is unclear whether this requirement applies"),
    APPS_NONE_APPLY("none of the policy's application requirements apply to this device"),
    APPS_ALL_PASS("all {0} required application checks pass"),
    APPS_NEED_ATTENTION("{0} of {1} application checks need attention"),
    APP_NOT_FOUND_INCOMPLETE("{0} was not found, but the list of installed software is incomplete: {1}"),
    APP_NOT_FOUND_IN_INCOMPLETE("{0} was not found in {1}, but the list of installed software is incomplete: {2}"),
    APP_REQUIRED_MISSING("{0} is required but not installed"),
    APP_REQUIRED_MISSING_IN("{0} is required but not installed in {1}"),
    APP_RECOMMENDED_MISSING("{0} is recommended but not installed"),
    APP_RECOMMENDED_MISSING_IN("{0} is recommended but not installed in {1}"),
    APP_ABSENT("{0} is not installed"),
    APP_ABSENT_IN("{0} is not installed in {1}"),
    APP_BANNED_VERSION_UNCOMPARABLE("{0} is installed and its version could not be compared with {1}"),
    APP_BANNED("{0} is installed but not allowed"),
    APP_BANNED_VERSIONS("{0} is installed but not allowed (banned: {1})"),
    APP_OUTSIDE_BANNED_VERSIONS("{0} is installed, outside the banned versions {1} (Auscult bans only the versions the policy names; Stethoscope banned every version)"),
    APP_VERSION_UNCOMPARABLE("{0} is installed but its version could not be compared with {1}"),
    APP_INSTALLED("{0} is installed"),
    APP_INSTALLED_MEETS("{0} is installed (meets {1})"),
    APP_OUTDATED("{0} is installed, but {1} is required");

    private final String english;

    PolicyPhrase(String english) {
        this.english = english;
    }

    @Override
    public String key() {
        return "policy." + name();
    }

    @Override
    public String english() {
        return english;
    }
}
