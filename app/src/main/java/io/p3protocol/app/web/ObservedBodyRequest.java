package io.p3protocol.app.web;

import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;

import java.io.IOException;

/**
 * A request whose body bytes are shown to a {@link BodyObserver} as they are read, so a filter can refuse a body
 * (too large, badly encoded) while it streams, without buffering it.
 */
final class ObservedBodyRequest extends HttpServletRequestWrapper {

    /** Sees each chunk as it is read, and the end of the body; throws to refuse it. */
    interface BodyObserver {
        void accept(byte[] buffer, int offset, int length) throws IOException;

        default void end() throws IOException {
        }
    }

    private final BodyObserver observer;
    private ServletInputStream observed;

    ObservedBodyRequest(HttpServletRequest request, BodyObserver observer) {
        super(request);
        this.observer = observer;
    }

    @Override
    public ServletInputStream getInputStream() throws IOException {
        if (observed == null) {
            ServletInputStream in = super.getInputStream();
            observed = new ServletInputStream() {
                private final byte[] one = new byte[1];

                @Override
                public int read() throws IOException {
                    int n = read(one, 0, 1);
                    return n < 0 ? -1 : one[0] & 0xFF;
                }

                @Override
                public int read(byte[] buffer, int offset, int length) throws IOException {
                    int n = in.read(buffer, offset, length);
                    if (n > 0) {
                        observer.accept(buffer, offset, n);
                    } else if (n < 0) {
                        observer.end();
                    }
                    return n;
                }

                @Override
                public boolean isFinished() {
                    return in.isFinished();
                }

                @Override
                public boolean isReady() {
                    return in.isReady();
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    in.setReadListener(listener);
                }
            };
        }
        return observed;
    }
}
