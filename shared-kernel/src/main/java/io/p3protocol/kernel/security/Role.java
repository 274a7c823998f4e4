package io.p3protocol.kernel.security;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Collection;
import java.util.Locale;

/** Tenant roles, strongest first. A role grants everything the weaker roles grant. */
public enum Role {
    ADMIN, OPERATOR, VIEWER;

    /** True when a holder of this role may do what {@code required} allows. */
    public boolean covers(Role required) {
        return ordinal() <= required.ordinal();
    }

    /** Wire names in role order (strongest first): the stable form stored in read models. */
    public static String[] wireNames(Collection<Role> roles) {
        return roles.stream().sorted().map(Role::wireName).toArray(String[]::new);
    }

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses {@code admin|operator|viewer} (any case); anything else is an {@link IllegalArgumentException}. */
    @JsonCreator
    public static Role fromWire(String value) {
        if (value != null) {
            for (Role role : values()) {
                if (role.wireName().equalsIgnoreCase(value.trim())) {
                    return role;
                }
            }
        }
        throw new IllegalArgumentException("unknown role '" + value + "' (expected admin, operator or viewer)");
    }
}
