package com.gopherpay.identity.password;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CommonPasswordsTest {

    private final CommonPasswords common = new CommonPasswords();

    @Test
    void shipsAtLeastOneHundredThousandPasswords() {
        assertThat(common.size()).isGreaterThanOrEqualTo(100_000);
        assertThat(common.distinctIgnoringCase()).isGreaterThan(95_000);
    }

    @Test
    void recognisesListedPasswordsIgnoringCaseAndPaddedWithDigitsOrSymbols() {
        assertThat(common.isCommon("Password")).isTrue();
        assertThat(common.isCommon("qwertyuiop")).isTrue();
        assertThat(common.isCommon("Dragon2024!")).isTrue();
        assertThat(common.isCommon("violet-Harbour-93-kite")).isFalse();
    }
}
