package com.gopherpay.identity.tracing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

class TraceContextTest {

    private static final String TRACEPARENT = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";

    @Test
    void theFilterMakesAWellFormedHeaderCurrentWhileTheRequestIsHandled() throws Exception {
        AtomicReference<String> seen = new AtomicReference<>();
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/auth/register");
        request.addHeader("traceparent", TRACEPARENT);

        new TraceContextFilter()
                .doFilter(
                        request,
                        new MockHttpServletResponse(),
                        new MockFilterChain(new jakarta.servlet.http.HttpServlet() {
                            @Override
                            protected void service(
                                    jakarta.servlet.http.HttpServletRequest req,
                                    jakarta.servlet.http.HttpServletResponse res) {
                                seen.set(TraceContext.current());
                            }
                        }));

        assertThat(seen).hasValue(TRACEPARENT);
        assertThat(TraceContext.current()).isNull();
    }

    @Test
    void aMalformedValueIsNoTraceContext() {
        AtomicReference<String> seen = new AtomicReference<>("unset");

        TraceContext.runWith("00-not-a-trace-01", () -> seen.set(TraceContext.current()));

        assertThat(seen.get()).isNull();
    }

    @Test
    void carriesToAnotherThreadAndRestoresWhatWasCurrentBefore() {
        AtomicReference<String> inner = new AtomicReference<>();
        String other = "00-" + "a".repeat(32) + "-" + "b".repeat(16) + "-00";

        TraceContext.runWith(TRACEPARENT, () -> {
            TraceContext.runWith(other, () -> inner.set(TraceContext.current()));
            assertThat(TraceContext.current()).isEqualTo(TRACEPARENT);
        });

        assertThat(inner).hasValue(other);
        assertThat(TraceContext.current()).isNull();
    }
}
