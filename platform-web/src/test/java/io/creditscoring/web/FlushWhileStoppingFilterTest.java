package io.creditscoring.web;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.junit.jupiter.api.Test;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

class FlushWhileStoppingFilterTest {

    private final FlushWhileStoppingFilter filter = new FlushWhileStoppingFilter();

    @Test
    void leavesTheAnswerToTheContainerWhileRunning() throws Exception {
        MockHttpServletResponse response = answer();

        assertThat(response.isCommitted())
                .as("sent by the container after the servlet, in one write")
                .isFalse();
    }

    @Test
    void sendsTheAnswerBeforeTheServletIsReleasedOnceTheServiceStops() throws Exception {
        filter.onApplicationEvent(new ContextClosedEvent(new GenericApplicationContext()));

        MockHttpServletResponse response = answer();

        assertThat(response.isCommitted()).isTrue();
        assertThat(response.getContentAsString()).isEqualTo("{\"rowsRead\":2000}");
    }

    private MockHttpServletResponse answer() throws Exception {
        MockHttpServletResponse response = new MockHttpServletResponse();
        filter.doFilter(
                new MockHttpServletRequest("POST", "/v1/portfolios/p/imports"),
                response,
                new MockFilterChain(new HttpServlet() {
                    @Override
                    protected void doPost(HttpServletRequest request, HttpServletResponse answer) throws IOException {
                        answer.getWriter().write("{\"rowsRead\":2000}");
                    }
                }));
        return response;
    }
}
