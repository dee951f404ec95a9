package com.gopherpay.identity.verification;

import static org.assertj.core.api.Assertions.assertThat;

import com.gopherpay.identity.Api;
import com.gopherpay.identity.IdentityServiceTestBase;
import com.gopherpay.identity.TopicReader;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The one reminder of a pending account, with the test's movable clock. */
class VerificationRemindersIT extends IdentityServiceTestBase {

    @Autowired
    VerificationReminders reminders;

    @Test
    void remindsAPendingAccountOnceADayAfterRegistrationWithAFreshLinkThatVerifies() {
        String email = Api.uniqueEmail("reminded");
        String userId = register(email);
        String first = awaitToken(userId, 1);
        clock.advance(Duration.ofHours(25));
        String recent = register(Api.uniqueEmail("not-yet-reminded"));

        java.time.Instant grace = clock.instant().minus(Duration.ofDays(7));
        reminders.sendDue(grace);
        reminders.sendDue(grace);

        String fresh = awaitToken(userId, 2);
        var records = recordsFor(userId);
        assertThat(records).hasSize(2);
        assertThat(TopicReader.header(records.get(1), "event-type")).isEqualTo("VerificationReminderRequested");
        assertThat(Api.JSON.readTree(records.get(1).value()).get("name").asString())
                .isEqualTo("verification-reminder");
        assertThat(recordsFor(recent)).hasSize(1);
        assertThat(api().post("/auth/verify-email", Api.verification(first))
                        .json()
                        .get("code")
                        .asString())
                .isEqualTo("token-expired");
        assertThat(api().post("/auth/verify-email", Api.verification(fresh)).status())
                .isEqualTo(200);
    }
}
