package com.gopherpay.notification.web;

import org.apache.catalina.Host;
import org.apache.catalina.core.StandardHost;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.stereotype.Component;

/**
 * Tomcat settings of the public port that no Spring Boot property covers.
 *
 * <ul>
 *   <li>No method has its body parsed into request parameters: the API takes no form bodies, and Tomcat would read
 *       one (up to its own limit, past {@link RequestBodyLimitFilter}) as soon as anything asked for a parameter.
 *   <li>What Tomcat rejects before the application sees the request (a URI it can't decode, malformed or over-long
 *       headers) is answered in Novu's error shape by {@link NovuErrorReportValve} instead of Tomcat's HTML page.
 * </ul>
 */
@Component
class TomcatHardening implements WebServerFactoryCustomizer<TomcatServletWebServerFactory> {

    private final NovuErrors errors;

    TomcatHardening(NovuErrors errors) {
        this.errors = errors;
    }

    @Override
    public void customize(TomcatServletWebServerFactory factory) {
        factory.addConnectorCustomizers(connector -> connector.setParseBodyMethods(""));
        factory.addContextCustomizers(context -> {
            Host host = (Host) context.getParent();
            if (host instanceof StandardHost standard) {
                NovuErrorReportValve valve = new NovuErrorReportValve(errors);
                host.getPipeline().addValve(valve);
                // The host adds its error report valve unless one of the configured class is already there.
                standard.setErrorReportValveClass(valve.getClass().getName());
            }
        });
    }
}
