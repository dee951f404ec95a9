package com.gopherpay.novu.connect.sender;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import org.junit.jupiter.api.Test;

class NovuClientTest {

    @Test
    void appendsTheApiPathToABaseUrlWithAPathOfItsOwn() {
        assertThat(NovuClient.endpoint(URI.create("https://gateway.example/api"), NovuClient.TRIGGER_PATH))
                .isEqualTo(URI.create("https://gateway.example/api/v1/events/trigger"));
        assertThat(NovuClient.endpoint(URI.create("https://gateway.example/a/b/"), NovuClient.BULK_PATH))
                .isEqualTo(URI.create("https://gateway.example/a/b/v1/events/trigger/bulk"));
    }

    @Test
    void appendsTheApiPathToAHostOnlyBaseUrl() {
        assertThat(NovuClient.endpoint(URI.create("https://api.novu.co"), NovuClient.TRIGGER_PATH))
                .isEqualTo(URI.create("https://api.novu.co/v1/events/trigger"));
        assertThat(NovuClient.endpoint(URI.create("http://127.0.0.1:3000/"), NovuClient.TRIGGER_PATH))
                .isEqualTo(URI.create("http://127.0.0.1:3000/v1/events/trigger"));
    }
}
