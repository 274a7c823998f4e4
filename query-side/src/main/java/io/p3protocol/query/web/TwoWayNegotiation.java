package io.p3protocol.query.web;

import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.web.HttpMediaTypeNotAcceptableException;

import java.util.Comparator;
import java.util.List;

/**
 * Content negotiation for routes that answer one of two representations: a default (also chosen for wildcards or
 * no Accept header) and an alternative. Anything else is a 406 naming both.
 */
public final class TwoWayNegotiation {
    private TwoWayNegotiation() {
    }

    /**
     * True when the client prefers {@code alternative}; false for the default types, wildcards or no Accept.
     *
     * @param defaults the default representation first, then other types answered the same way
     */
    public static boolean prefersAlternative(String accept, MediaType alternative, MediaType... defaults)
            throws HttpMediaTypeNotAcceptableException {
        if (accept == null || accept.isBlank()) {
            return false;
        }
        List<MediaType> accepted;
        try {
            accepted = MediaType.parseMediaTypes(accept).stream()
                    .sorted(Comparator.comparingDouble(MediaType::getQualityValue).reversed()).toList();
        } catch (InvalidMediaTypeException e) {
            throw new HttpMediaTypeNotAcceptableException("unreadable Accept header");
        }
        for (MediaType type : accepted) {
            if (type.getQualityValue() == 0) {
                continue;
            }
            for (MediaType preferredDefault : defaults) {
                if (type.isCompatibleWith(preferredDefault)) {
                    return false;
                }
            }
            if (type.isCompatibleWith(alternative)) {
                return true;
            }
        }
        throw new HttpMediaTypeNotAcceptableException(List.of(defaults[0], alternative));
    }
}
