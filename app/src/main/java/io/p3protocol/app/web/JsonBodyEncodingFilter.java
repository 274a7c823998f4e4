package io.p3protocol.app.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;

/**
 * JSON bodies must be well-formed UTF-8 (RFC 8259). Jackson decodes some malformed sequences (overlong forms such
 * as {@code C0 AF} for "/") without complaint, so the bytes of every JSON body are checked as they are read; the
 * first malformed sequence fails the read with {@link MalformedUtf8Exception}, answered as 400 malformed_body.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 6)
public class JsonBodyEncodingFilter extends OncePerRequestFilter {

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String type = request.getContentType();
        if (type == null) {
            return true;
        }
        try {
            MediaType mediaType = MediaType.parseMediaType(type);
            return !mediaType.isCompatibleWith(MediaType.APPLICATION_JSON) && !"json".equals(mediaType.getSubtypeSuffix());
        } catch (InvalidMediaTypeException unparsable) {
            return true; // refused later as an unsupported media type
        }
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        chain.doFilter(new ObservedBodyRequest(request, new Utf8Checker()), response);
    }

    /** A JSON body that is not well-formed UTF-8; mapped to 400. */
    public static class MalformedUtf8Exception extends IOException {
        MalformedUtf8Exception(long offset) {
            super("the request body is not well-formed UTF-8 (at byte " + offset + ")");
        }
    }

    /** RFC 3629 UTF-8, checked byte by byte across reads: no overlong forms, surrogates or values past U+10FFFF. */
    static final class Utf8Checker implements ObservedBodyRequest.BodyObserver {
        private long offset;
        private int pending;   // continuation bytes still expected
        private int low = 0x80; // allowed range of the next continuation byte
        private int high = 0xBF;

        @Override
        public void accept(byte[] bytes, int from, int length) throws MalformedUtf8Exception {
            for (int i = from; i < from + length; i++, offset++) {
                int b = bytes[i] & 0xFF;
                if (pending > 0) {
                    if (b < low || b > high) {
                        throw new MalformedUtf8Exception(offset);
                    }
                    pending--;
                    low = 0x80;
                    high = 0xBF;
                } else if (b >= 0x80) {
                    start(b);
                }
            }
        }

        private void start(int b) throws MalformedUtf8Exception {
            if (b >= 0xC2 && b <= 0xDF) {
                pending = 1;
            } else if (b >= 0xE0 && b <= 0xEF) {
                pending = 2;
                if (b == 0xE0) {
                    low = 0xA0;      // no overlong three-byte forms
                } else if (b == 0xED) {
                    high = 0x9F;     // no UTF-16 surrogates
                }
            } else if (b >= 0xF0 && b <= 0xF4) {
                pending = 3;
                if (b == 0xF0) {
                    low = 0x90;      // no overlong four-byte forms
                } else if (b == 0xF4) {
                    high = 0x8F;     // nothing past U+10FFFF
                }
            } else {
                throw new MalformedUtf8Exception(offset); // stray continuation, C0/C1, or F5-FF
            }
        }

        @Override
        public void end() throws MalformedUtf8Exception {
            if (pending > 0) {
                throw new MalformedUtf8Exception(offset);
            }
        }
    }
}
