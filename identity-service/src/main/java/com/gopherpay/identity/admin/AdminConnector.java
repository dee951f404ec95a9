package com.gopherpay.identity.admin;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.apache.catalina.connector.Connector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The admin API's own connector on the application's server, and the filter that keeps the two apart: {@code /admin}
 * paths answer only on the admin connector (404 on the public port, as for any unknown path), and the admin connector
 * answers nothing else. Tomcat's valves (body cap, problem answers) apply to both connectors alike.
 */
@Configuration(proxyBeanMethods = false)
class AdminConnector {

    private static final Logger log = LoggerFactory.getLogger(AdminConnector.class);

    static final String PREFIX = "/admin/";

    private final Connector connector;

    AdminConnector(AdminProperties properties) {
        if (properties.enabled()) {
            connector = new Connector(TomcatServletWebServerFactory.DEFAULT_PROTOCOL);
            connector.setPort(properties.port());
            connector.setProperty("address", properties.address());
        } else {
            connector = null;
            log.info("Admin API off: identity.admin.token is not set");
        }
    }

    @Bean
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> adminConnectorCustomizer() {
        return factory -> {
            if (connector != null && !factory.getAdditionalConnectors().contains(connector)) {
                factory.addAdditionalConnectors(connector);
            }
        };
    }

    /** The port the admin connector listens on, or -1 while it is off or not started. */
    int localPort() {
        return connector == null ? -1 : connector.getLocalPort();
    }

    @Bean
    OncePerRequestFilter adminPortSeparation() {
        return new OncePerRequestFilter() {
            @Override
            protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                    throws ServletException, IOException {
                // The servlet path is decoded and normalised, so no spelling of a path crosses from one side to the
                // other.
                String path = request.getServletPath() + (request.getPathInfo() == null ? "" : request.getPathInfo());
                boolean adminPath = path.startsWith(PREFIX) || path.equals("/admin");
                boolean adminPort = connector != null && request.getLocalPort() == connector.getLocalPort();
                if (adminPath != adminPort) {
                    response.sendError(HttpServletResponse.SC_NOT_FOUND);
                    return;
                }
                chain.doFilter(request, response);
            }
        };
    }
}
