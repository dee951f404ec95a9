package com.gopherpay.novu.contract;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The strict stub must itself satisfy the contract it stands in for, idempotency included. */
class StrictNovuStubContractTest extends NovuApiContract {

    private static StrictNovuStub stub;

    @BeforeAll
    static void startStub() {
        stub = StrictNovuStub.start();
    }

    @AfterAll
    static void stopStub() {
        stub.close();
    }

    @Override
    protected String baseUrl() {
        return stub.baseUrl();
    }

    @Override
    protected String validApiKey() {
        return stub.apiKey();
    }

    @Override
    protected boolean idempotencyEnabled() {
        return true;
    }
}
