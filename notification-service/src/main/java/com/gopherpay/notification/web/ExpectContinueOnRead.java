package com.gopherpay.notification.web;

import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.stereotype.Component;

/**
 * Tomcat answers {@code Expect: 100-continue} only when the application starts reading the body (its default is
 * at once). A client that asks first then never uploads a body the service refuses anyway (413 by declared length,
 * 401), and gets that answer cleanly instead of a connection closed under its upload.
 */
@Component
class ExpectContinueOnRead implements WebServerFactoryCustomizer<TomcatServletWebServerFactory> {

    @Override
    public void customize(TomcatServletWebServerFactory factory) {
        factory.addConnectorCustomizers(connector -> connector.setProperty("continueResponseTiming", "onRead"));
    }
}
