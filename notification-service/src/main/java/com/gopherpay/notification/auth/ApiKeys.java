package com.gopherpay.notification.auth;

import com.gopherpay.notification.config.NotificationProperties;
import com.gopherpay.notification.shared.Sha256;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/** The configured API keys, held only as SHA-256 digests; lookups compare in constant time. */
@Component
class ApiKeys {

    private static final Logger log = LoggerFactory.getLogger(ApiKeys.class);

    private final List<Entry> entries;

    ApiKeys(NotificationProperties properties) {
        this.entries = properties.apiKeys().stream()
                .map(key -> new Entry(key.environmentId(), HexFormat.of().parseHex(key.keySha256())))
                .toList();
        if (entries.isEmpty()) {
            log.warn("No API keys configured (notification.api-keys[0].key-sha256): every API request will get 401");
        }
    }

    /** The environment the presented key opens, if it is one of the configured keys. */
    Optional<String> environmentOf(String presentedKey) {
        byte[] digest = Sha256.digest(presentedKey);
        String match = null;
        // Look at every entry, without stopping early, so timing says nothing about which key (if any) matched.
        for (Entry entry : entries) {
            if (MessageDigest.isEqual(entry.sha256(), digest) && match == null) {
                match = entry.environmentId();
            }
        }
        return Optional.ofNullable(match);
    }

    private record Entry(String environmentId, byte[] sha256) {}
}
