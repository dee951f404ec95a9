package com.gopherpay.identity.web;

import org.springframework.boot.actuate.autoconfigure.web.ManagementContextConfiguration;
import org.springframework.boot.actuate.autoconfigure.web.ManagementContextType;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;

/**
 * The same body cap and problem+json error answers on the management port's own Tomcat: customizers of the main
 * context do not reach that server, and loopback is only its default address. Component scanning also registers this
 * class in the main context, where {@link TomcatEdge#customizer} sees its valve already in place and does nothing.
 */
@ManagementContextConfiguration(value = ManagementContextType.CHILD, proxyBeanMethods = false)
class ManagementTomcatEdge {

    @Bean
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> managementServerTomcatEdge(HttpProperties properties) {
        return TomcatEdge.customizer(properties);
    }
}
