package io.integrationshub.jobs.api;

import io.integrationshub.auth.Permission;

import java.util.List;
import java.util.regex.Pattern;

/** The job types of API.md 6 and the permissions that guard reading and cancelling each. */
public final class JobTypes {
    public static final String INTEGRATION_SYNC = "integration.sync";
    public static final String BROKER_SWITCH_TOKEN = "broker.switch_token";
    public static final String PROJECT_DISCONNECT = "project.disconnect";
    public static final String NOTIFICATION_DELIVER = "notification.deliver";
    public static final List<String> DOCUMENTED = List.of(INTEGRATION_SYNC, BROKER_SWITCH_TOKEN, PROJECT_DISCONNECT,
            NOTIFICATION_DELIVER);
    /** Lower-case dotted names, as the jobs.type check constraint requires. */
    static final Pattern NAME = Pattern.compile("^[a-z][a-z0-9_]*(\\.[a-z][a-z0-9_]*)*$");

    private JobTypes() {
    }

    /** Reading a job needs read permission on its target. */
    public static Permission readPermission(String type) {
        return switch (type) {
            case INTEGRATION_SYNC, BROKER_SWITCH_TOKEN -> Permission.ORG_INTEGRATION_READ;
            case PROJECT_DISCONNECT, NOTIFICATION_DELIVER -> Permission.ORG_PROJECT_READ;
            default -> Permission.ORG_READ;
        };
    }

    /** Cancelling a job needs edit permission on its target; types of no documented feature need org.manage. */
    public static Permission editPermission(String type) {
        return switch (type) {
            case INTEGRATION_SYNC, BROKER_SWITCH_TOKEN -> Permission.ORG_INTEGRATION_EDIT;
            case PROJECT_DISCONNECT, NOTIFICATION_DELIVER -> Permission.ORG_PROJECT_EDIT;
            default -> Permission.ORG_MANAGE;
        };
    }

    public static boolean isValidName(String type) {
        return type != null && type.length() <= 100 && NAME.matcher(type).matches();
    }
}
