package com.gopherpay.identity.web;

import org.apache.catalina.Host;
import org.apache.catalina.Valve;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** What Tomcat itself does before and after the application: the body cap and its own error answers. */
@Configuration(proxyBeanMethods = false)
class TomcatEdge {

    @Bean
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> identityTomcatEdge(HttpProperties properties) {
        return customizer(properties);
    }

    /** Also applied to the management port's server, see {@link ManagementTomcatEdge}. */
    static WebServerFactoryCustomizer<TomcatServletWebServerFactory> customizer(HttpProperties properties) {
        long limit = properties.maxBodySize().toBytes();
        return factory -> {
            // The management variant is component-scanned into the main context too: apply once per server, since a
            // second cap would read the stream the first one already consumed.
            if (factory.getContextValves().stream().anyMatch(BodySizeLimitValve.class::isInstance)) {
                return;
            }
            factory.addContextValves(new BodySizeLimitValve(limit));
            // Tomcat parses form bodies for getParameter() on its own, past every valve: keep it to the same cap.
            factory.addConnectorCustomizers(connector -> connector.setMaxPostSize((int) Math.min(limit, 1 << 30)));
            factory.addContextCustomizers(context -> {
                Host host = (Host) context.getParent();
                // Stops the host from adding its HTML error report at start-up; ours replaces any already there.
                if (host instanceof org.apache.catalina.core.StandardHost standard) {
                    standard.setErrorReportValveClass("");
                }
                for (Valve valve : host.getPipeline().getValves()) {
                    if (valve instanceof ErrorReportValve) {
                        host.getPipeline().removeValve(valve);
                    }
                }
                host.getPipeline().addValve(new ContainerProblemValve());
            });
        };
    }
}
